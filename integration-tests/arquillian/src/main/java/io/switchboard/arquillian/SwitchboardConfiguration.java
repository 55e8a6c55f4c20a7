package io.switchboard.arquillian;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The {@code <configuration>} of a Switchboard container in {@code arquillian.xml}:
 * <pre>{@code
 * <container qualifier="embedded" default="true">
 *   <configuration>
 *     <property name="mode">embedded</property>          <!-- or managed -->
 *     <property name="distribution">path/to/switchboard-VERSION.tar.gz</property>
 *   </configuration>
 * </container>
 * }</pre>
 * Ports are always free ones and the data folder a temporary one, so test runs never collide with a running
 * platform or with each other.
 */
public class SwitchboardConfiguration implements ContainerConfiguration {

    /** {@code embedded}: the kernel in the test JVM; {@code managed}: {@code bin/switchboard run} as a process. */
    private String mode = "embedded";
    /** The distribution archive; defaults to the system property {@code switchboard.distribution}. */
    private String distribution = System.getProperty("switchboard.distribution");
    /** The admin password the platform is started with (also what the injected credentials carry). */
    private String adminPassword = "arquillian";
    /** Keep the unpacked home after the run (to read its logs and data). */
    private boolean keepHome;

    @Override
    public void validate() throws ConfigurationException {
        if (!mode.equals("embedded") && !mode.equals("managed")) {
            throw new ConfigurationException("arquillian.xml: mode = '" + mode + "': expected embedded or managed");
        }
        if (distribution == null || !Files.isRegularFile(Path.of(distribution))) {
            throw new ConfigurationException("arquillian.xml: distribution = '" + distribution
                    + "': no such archive (build it with mvn package, or set the switchboard.distribution property)");
        }
        if (adminPassword == null || adminPassword.isEmpty()) {
            throw new ConfigurationException("arquillian.xml: adminPassword must not be empty");
        }
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getDistribution() {
        return distribution;
    }

    public void setDistribution(String distribution) {
        this.distribution = distribution;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public boolean isKeepHome() {
        return keepHome;
    }

    public void setKeepHome(boolean keepHome) {
        this.keepHome = keepHome;
    }
}

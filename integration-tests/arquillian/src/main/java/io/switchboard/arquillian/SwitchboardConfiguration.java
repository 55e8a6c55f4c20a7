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
 * Started platforms get free ports and a temporary folder, so test runs never collide with a running platform or
 * with each other. To use a platform that is already running instead, give managed mode its home:
 * {@code attachHome}, {@code attachHttpPort} (8181), {@code attachBrokerPort} (61616) and its {@code adminPassword}.
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
    /** Managed mode only: the home of a platform that is already running; it is used, never started or stopped. */
    private String attachHome;
    /** The running platform's HTTP port, when attaching. */
    private int attachHttpPort = 8181;
    /** The running platform's broker port, when attaching. */
    private int attachBrokerPort = 61616;

    @Override
    public void validate() throws ConfigurationException {
        if (!mode.equals("embedded") && !mode.equals("managed")) {
            throw new ConfigurationException("arquillian.xml: mode = '" + mode + "': expected embedded or managed");
        }
        if (attachHome != null) {
            if (!mode.equals("managed")) {
                throw new ConfigurationException("arquillian.xml: attachHome needs mode = managed");
            }
            if (!Files.isDirectory(Path.of(attachHome, "deploy"))) {
                throw new ConfigurationException("arquillian.xml: attachHome = '" + attachHome
                        + "': no deploy/ folder there (it must be the running platform's SWITCHBOARD_HOME)");
            }
        } else if (distribution == null || !Files.isRegularFile(Path.of(distribution))) {
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

    public String getAttachHome() {
        return attachHome;
    }

    public void setAttachHome(String attachHome) {
        this.attachHome = attachHome;
    }

    public int getAttachHttpPort() {
        return attachHttpPort;
    }

    public void setAttachHttpPort(int attachHttpPort) {
        this.attachHttpPort = attachHttpPort;
    }

    public int getAttachBrokerPort() {
        return attachBrokerPort;
    }

    public void setAttachBrokerPort(int attachBrokerPort) {
        this.attachBrokerPort = attachBrokerPort;
    }

    public boolean isKeepHome() {
        return keepHome;
    }

    public void setKeepHome(boolean keepHome) {
        this.keepHome = keepHome;
    }
}

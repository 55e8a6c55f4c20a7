package io.switchboard.kernel.framework;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundles installed from {@code deploy/}, as the framework's cache holds them at boot. None of them is started
 * by the framework itself: the deployer starts those whose file is still there, after its checks and under its time
 * limit, so a bundle that exits or hangs in its activator cannot take the boot with it. A bundle whose file has left
 * {@code deploy/} while the platform was down is uninstalled before anything starts.
 */
public final class DeployBundles {

    private static final Logger LOG = LoggerFactory.getLogger(DeployBundles.class);

    private DeployBundles() {
    }

    /** Call between the framework's init and its start. */
    public static void holdBack(BundleContext context, Path deploy) {
        // the deployer's locations are File.toURI() forms ("file:/home/..."), not Path.toUri() ("file:///home/...")
        String prefix = deploy.toAbsolutePath().normalize().toFile().toURI().toString();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (!location.startsWith(prefix)) {
                continue;
            }
            try {
                Path file = Path.of(URI.create(location));
                if (Files.isRegularFile(file)) {
                    b.stop(); // not ACTIVE yet: this only clears its persistent autostart
                } else {
                    LOG.info("Uninstalling " + b.getSymbolicName() + " " + b.getVersion() + ": its file " + file
                            + " left deploy/ while Switchboard was stopped");
                    b.uninstall();
                }
            } catch (BundleException | IllegalArgumentException | IllegalStateException e) {
                LOG.warn("Cannot hold back " + location + " from the boot: " + e.getMessage());
            }
        }
    }
}

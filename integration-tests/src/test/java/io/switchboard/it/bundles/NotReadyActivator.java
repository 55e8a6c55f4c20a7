package io.switchboard.it.bundles;

import io.switchboard.kernel.api.ReadinessCheck;
import java.util.Optional;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a test bundle that holds the platform not ready while it runs. */
public class NotReadyActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        ReadinessCheck check = () -> Optional.of("it: held not ready");
        context.registerService(ReadinessCheck.class, check, null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}

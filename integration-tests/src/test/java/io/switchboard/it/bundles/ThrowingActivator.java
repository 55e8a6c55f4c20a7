package io.switchboard.it.bundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a test bundle that cannot start. */
public class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("boom from the test activator");
    }

    @Override
    public void stop(BundleContext context) {
    }
}

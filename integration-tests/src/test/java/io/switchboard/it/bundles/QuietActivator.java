package io.switchboard.it.bundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a test bundle that starts and does nothing. */
public class QuietActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
    }

    @Override
    public void stop(BundleContext context) {
    }
}

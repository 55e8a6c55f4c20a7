package io.switchboard.it.bundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a hostile test bundle: it ends the JVM. */
public class ExitingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        System.exit(3);
    }

    @Override
    public void stop(BundleContext context) {
    }
}

package io.switchboard.arquillian.test;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A bundle under test that cannot start. */
public class FailingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("arquillian test activator refuses to start");
    }

    @Override
    public void stop(BundleContext context) {
    }
}

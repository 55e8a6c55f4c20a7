package io.switchboard.it.bundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a hostile test bundle: it ends the JVM by reflection, which no bytecode check sees. */
public class ReflectiveExitActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws ReflectiveOperationException {
        Class.forName("java.lang." + "System").getMethod("ex" + "it", int.class).invoke(null, 3);
    }

    @Override
    public void stop(BundleContext context) {
    }
}

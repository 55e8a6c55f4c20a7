package io.switchboard.it.bundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;

/**
 * The activator of a hostile test bundle: its start returns at once; once the bundle has started, a thread of its own
 * ends the JVM by reflection, which no bytecode check sees and no time limit on the start covers.
 */
public class ThreadExitActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.addBundleListener(event -> {
            if (event.getBundle().equals(context.getBundle()) && event.getType() == BundleEvent.STARTED) {
                new Thread(ThreadExitActivator::exit, "it-thread-exit").start();
            }
        });
    }

    private static void exit() {
        try {
            Class.forName("java.lang." + "System").getMethod("ex" + "it", int.class).invoke(null, 3);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}

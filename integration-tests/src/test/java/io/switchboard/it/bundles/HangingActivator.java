package io.switchboard.it.bundles;

import java.util.concurrent.CountDownLatch;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a hostile test bundle: its start never returns, and it swallows interrupts. */
public class HangingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // hostile: keeps waiting
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}

package io.switchboard.kernel.api;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Starting a bundle while another thread starts one too. When two threads each hold one bundle's lock and one of them
 * needs the framework's global lock to resolve, Felix breaks the cycle by interrupting it: its start fails with
 * "Unable to acquire global lock for resolve" though nothing is wrong with the bundle. The boot's features and the
 * deployer's workers start bundles at the same time, so both start through here: such a start is tried again.
 */
public final class BundleStarts {

    /** How often a start is tried in all when Felix gave it up to break a lock cycle. */
    static final int ATTEMPTS = 5;
    private static final String CONTENDED = "Unable to acquire global lock";

    private BundleStarts() {
    }

    /** {@link Bundle#start(int)}, tried again (up to {@link #ATTEMPTS} in all) while it fails for lock contention. */
    public static void start(Bundle bundle, int options) throws BundleException {
        for (int attempt = 1; ; attempt++) {
            try {
                bundle.start(options);
                return;
            } catch (BundleException e) {
                if (attempt >= ATTEMPTS || !contended(e)) {
                    throw e;
                }
                Thread.interrupted(); // the interrupt was Felix's, to break the cycle: clear it and go again
            }
        }
    }

    static boolean contended(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(CONTENDED)) {
                return true;
            }
        }
        return false;
    }
}

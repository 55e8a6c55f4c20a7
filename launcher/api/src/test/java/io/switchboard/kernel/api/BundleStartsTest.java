package io.switchboard.kernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.junit.jupiter.api.Test;

class BundleStartsTest {

    /** A bundle whose first {@code failures} starts fail with {@code failure}, as Felix's do. */
    private static Bundle bundle(AtomicInteger starts, int failures, String failure) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> {
                    if (!m.getName().equals("start")) {
                        throw new AssertionError(m.getName());
                    }
                    if (starts.incrementAndGet() <= failures) {
                        Thread.currentThread().interrupt(); // Felix interrupts the thread it gives up
                        throw new BundleException("Unable to resolve x [12](R 12.0): " + failure,
                                BundleException.RESOLVE_ERROR, new RuntimeException(failure));
                    }
                    return null;
                });
    }

    @Test
    void aStartFelixGaveUpToBreakALockCycleIsTriedAgainWithTheInterruptCleared() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        BundleStarts.start(bundle(starts, 2, "Unable to acquire global lock for resolve."), 0);
        assertEquals(3, starts.get());
        assertFalse(Thread.interrupted(), "Felix's interrupt does not stay on the thread");
    }

    @Test
    void anyOtherFailureAndEndlessContentionAreThrown() {
        AtomicInteger starts = new AtomicInteger();
        assertThrows(BundleException.class, () -> BundleStarts.start(bundle(starts, 1, "missing requirement"), 0));
        assertEquals(1, starts.get(), "a real failure is not tried again");
        Thread.interrupted();
        AtomicInteger contended = new AtomicInteger();
        assertThrows(BundleException.class, () -> BundleStarts.start(
                bundle(contended, 100, "Unable to acquire global lock for resolve."), 0));
        assertEquals(BundleStarts.ATTEMPTS, contended.get());
        Thread.interrupted();
    }
}

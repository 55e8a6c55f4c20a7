package io.switchboard.kernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TimeLimitTest {

    private final TimeLimit limit = new TimeLimit(Duration.ofMillis(200), "switchboard.deploy.timeout");

    @Test
    void aCallWithinTheLimitAnswers() throws Exception {
        assertEquals("done", limit.call("quick", () -> "done"));
    }

    @Test
    void aCallOverTheLimitIsInterruptedAndSaysSo() {
        TimeLimit.Exceeded e = assertThrows(TimeLimit.Exceeded.class, () -> limit.call("the activator of x 1.0", () -> {
            new CountDownLatch(1).await();
            return null;
        }));
        assertTrue(e.getMessage().startsWith("the activator of x 1.0 did not finish within 200 ms "
                + "(switchboard.deploy.timeout); it was interrupted"), e.getMessage());
    }

    @Test
    void aCallThatIgnoresTheInterruptIsAbandonedNamingItsThread() {
        CountDownLatch end = new CountDownLatch(1);
        TimeLimit.Exceeded e = assertThrows(TimeLimit.Exceeded.class, () -> limit.call("stubborn", () -> {
            while (end.getCount() > 0) {
                try {
                    end.await();
                } catch (InterruptedException ignored) {
                    // a hostile activator swallows it
                }
            }
            return null;
        }));
        assertTrue(e.getMessage().contains("ignored an interrupt and was abandoned"), e.getMessage());
        end.countDown();
    }

    @Test
    void whatTheCallThrowsComesThrough() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> limit.call("failing", () -> { throw new IllegalStateException("boom"); }));
        assertEquals("boom", e.getMessage());
    }
}

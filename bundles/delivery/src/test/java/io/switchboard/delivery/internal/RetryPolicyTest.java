package io.switchboard.delivery.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void delaysGrowByTheMultiplierUpToTheCap() {
        RetryPolicy p = new RetryPolicy(0, Duration.ofSeconds(1), 3, Duration.ofSeconds(20), 0);
        assertEquals(NOW.plusSeconds(1), p.nextAttempt(1, NOW));
        assertEquals(NOW.plusSeconds(3), p.nextAttempt(2, NOW));
        assertEquals(NOW.plusSeconds(9), p.nextAttempt(3, NOW));
        assertEquals(NOW.plusSeconds(20), p.nextAttempt(4, NOW));
        assertTrue(p.allowsAnother(1_000_000), "0 attempts means forever");
    }

    @Test
    void jitterSpreadsWithinItsShare() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(10), 2, Duration.ofMinutes(1), 0.2);
        for (int i = 0; i < 1000; i++) {
            long ms = Duration.between(NOW, p.nextAttempt(1, NOW)).toMillis();
            assertTrue(ms >= 8000 && ms <= 12000, ms + " ms is outside 10 s ± 20%");
        }
        assertTrue(p.allowsAnother(4));
        assertFalse(p.allowsAnother(5));
    }

    @Test
    void anInvalidPolicyIsRefusedWithItsValues() {
        // bad input: the error says what is allowed and what was given
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofSeconds(10), 0.5, Duration.ofMinutes(1), 0));
        assertTrue(e.getMessage().contains("multiplier >= 1"), e.getMessage());
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    }
}

package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.kernel.api.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchSettingsTest {

    @Test
    void durationsReadTheWayOperatorsWriteThem() {
        assertEquals(Duration.ofMillis(500), Durations.parse("x", "500ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("x", "30s"));
        assertEquals(Duration.ofHours(24), Durations.parse("x", " 24h "));
        assertEquals(Duration.ofDays(2), Durations.parse("x", "2d"));
        assertEquals(Duration.ofMillis(250), Durations.parse("x", "250"));
    }

    @Test
    void aBadDurationNamesItsSetting() {
        // bad input: the error names the setting and shows what is accepted
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("parkTimeout", "one day"));
        assertTrue(e.getMessage().contains("parkTimeout = 'one day'"), e.getMessage());
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheCap() {
        DispatchSettings s = new DispatchSettings(4, 100, 5, 1000, 2.0, 5000, 30_000, Duration.ofHours(24),
                Duration.ofMinutes(1), "DLQ", Duration.ofDays(7));
        assertEquals(1000, s.redeliveryDelayMillis(1));
        assertEquals(2000, s.redeliveryDelayMillis(2));
        assertEquals(4000, s.redeliveryDelayMillis(3));
        assertEquals(5000, s.redeliveryDelayMillis(4));
    }
}

package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dispatch.PayloadException;
import io.switchboard.dispatch.RejectedMessageException;
import io.switchboard.dispatch.Wire;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void aFailureThatCanNeverPassIsDeadLetteredUnderItsWireCode() {
        assertEquals(FailureKind.TIMEOUT, FailureKind.of(new TimeoutException()));
        assertEquals(FailureKind.BAD_PAYLOAD, FailureKind.of(new PayloadException("not JSON", null)));
        assertEquals(FailureKind.REJECTED, FailureKind.of(new RejectedMessageException("no")));
        assertTrue(FailureKind.TIMEOUT.permanent() && FailureKind.BAD_PAYLOAD.permanent()
                && FailureKind.REJECTED.permanent());
        assertEquals(Wire.TIMEOUT, FailureKind.TIMEOUT.code);
        assertEquals(Wire.BAD_PAYLOAD, FailureKind.BAD_PAYLOAD.code);
        assertEquals(Wire.REJECTED, FailureKind.REJECTED.code);
    }

    @Test
    void anyOtherFailureIsRetriedAndAtTheEndDeadLetteredAsHandlerFailed() {
        IllegalStateException e = new IllegalStateException("database down");
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(e));
        assertFalse(FailureKind.TRANSIENT.permanent());
        assertEquals(Wire.HANDLER_FAILED, FailureKind.TRANSIENT.code);
        assertEquals("failed 3 times, last: java.lang.IllegalStateException: database down",
                FailureKind.TRANSIENT.reason(e, "h", 0, 3));
    }

    @Test
    void theReasonsSayWhatOperatorsSearchFor() {
        assertEquals("handler orders did not complete within 250 ms",
                FailureKind.TIMEOUT.reason(new TimeoutException(), "orders", 250, 1));
        assertEquals("not JSON", FailureKind.BAD_PAYLOAD.reason(new PayloadException("not JSON", null), "h", 0, 1));
    }
}

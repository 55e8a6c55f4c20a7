package io.switchboard.it;

import io.switchboard.testing.Platform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts a platform that must not become ready and checks what its log says. */
final class FailedStart {

    private FailedStart() {
    }

    static void expectExit(Platform p, String reason) throws InterruptedException {
        try (p) {
            AssertionError e = assertThrows(AssertionError.class, p::start);
            assertTrue(e.getMessage().contains("Switchboard exited (1)"), e.getMessage());
            assertTrue(p.log().contains(reason), p.log());
        }
    }
}

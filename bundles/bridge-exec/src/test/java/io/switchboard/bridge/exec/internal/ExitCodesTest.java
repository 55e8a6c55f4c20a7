package io.switchboard.bridge.exec.internal;

import static io.switchboard.bridge.exec.internal.ExitCodes.Meaning.OK;
import static io.switchboard.bridge.exec.internal.ExitCodes.Meaning.PERMANENT;
import static io.switchboard.bridge.exec.internal.ExitCodes.Meaning.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    @Test
    void byDefaultZeroIsOkSeventyFiveTransientAndEverythingElsePermanent() {
        ExitCodes codes = ExitCodes.parse(List.of());
        assertEquals(OK, codes.of(0));
        assertEquals(TRANSIENT, codes.of(75));
        assertEquals(PERMANENT, codes.of(1));
        assertEquals(PERMANENT, codes.of(143));
    }

    @Test
    void aSettingAddsToTheDefaultsInOneStringOrAList() {
        ExitCodes one = ExitCodes.parse(List.of("ok = 0, 1; transient = 75, 69"));
        ExitCodes list = ExitCodes.parse(List.of("ok = 0, 1", "transient = 69"));
        for (ExitCodes codes : List.of(one, list)) {
            assertEquals(OK, codes.of(1));
            assertEquals(TRANSIENT, codes.of(69));
            assertEquals(TRANSIENT, codes.of(75));
            assertEquals(PERMANENT, codes.of(2));
        }
        assertEquals(PERMANENT, ExitCodes.parse(List.of("permanent = 75")).of(75));
    }

    @Test
    void aWrongEntryIsRefusedNamingTheSettingAndTheEntry() {
        for (String wrong : List.of("ok 0", "fine = 0", "ok = x", "ok = 256", "ok = 1; transient = 1")) {
            String message = assertThrows(IllegalArgumentException.class, () -> ExitCodes.parse(List.of(wrong)))
                    .getMessage();
            assertTrue(message.startsWith("exitCodes: '"), message);
        }
    }
}

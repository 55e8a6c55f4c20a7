package io.switchboard.bridge.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file-in configuration is checked, and every refusal names its field. */
class FileInSettingsTest {

    private static final Path HOME = Path.of("/opt/switchboard");

    private static FileInSettings of(Map<String, ?> values) {
        return FileInSettings.of("orders", Configs.of(FileInConfiguration.class, values), HOME);
    }

    private static String refusal(Map<String, ?> values) {
        return assertThrows(IllegalArgumentException.class, () -> of(values)).getMessage();
    }

    @Test
    void aRelativeFolderIsUnderTheHomeAndTypeMeansADispatchTarget() {
        FileInSettings s = of(Map.of("folder", "inbox/orders", "type", "order.created", "operation", "import"));
        assertEquals(Path.of("/opt/switchboard/inbox/orders"), s.folder());
        assertEquals("dispatch:order.created#import", s.to());
        assertEquals(1000, s.stableFor().toMillis());
        assertEquals(10_485_760, s.maxBytes());
        assertEquals(5, s.maxAttempts());
        assertFalse(s.splitLines());
        assertEquals(Path.of("/data/in"), of(Map.of("folder", "/data/in")).folder());
        assertNull(of(Map.of("folder", "in")).to(), "only route files take its files");
    }

    @Test
    void badConfigurationsAreRefusedNamingTheField() {
        assertTrue(refusal(Map.of()).startsWith("folder is required"), refusal(Map.of()));
        assertTrue(refusal(Map.of("folder", "in", "to", "jms:queue:a", "type", "t")).contains("to and type"));
        assertTrue(refusal(Map.of("folder", "in", "to", "nowhere")).startsWith("to = "));
        assertTrue(refusal(Map.of("folder", "in", "stableFor", "soon")).startsWith("stableFor"));
        assertTrue(refusal(Map.of("folder", "in", "interval", "1")).startsWith("interval"));
        assertTrue(refusal(Map.of("folder", "in", "doneFile", "ready")).startsWith("doneFile"));
        assertTrue(refusal(Map.of("folder", "in", "split", "xml")).startsWith("split"));
        assertTrue(refusal(Map.of("folder", "in", "maxAttempts", "0")).startsWith("maxAttempts"));
        assertTrue(refusal(Map.of("folder", "in", "include", "[a")).startsWith("include"));
        assertTrue(refusal(Map.of("folder", "in", "charset", "klingon")).startsWith("charset"));
        assertTrue(refusal(Map.of("folder", "in", "operation", "x")).startsWith("operation"));
    }
}

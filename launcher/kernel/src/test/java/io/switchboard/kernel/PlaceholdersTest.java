package io.switchboard.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void fillsKernelPlaceholdersAndLeavesOthers() throws IOException {
        String out = Placeholders.fill("a ${switchboard.data} b ${other}", Map.of("switchboard.data", "/d"), Path.of("f"));
        assertEquals("a /d b ${other}", out);
    }

    @Test
    void anUnknownPlaceholderNamesFileAndLine() {
        IOException e = assertThrows(IOException.class,
                () -> Placeholders.fill("x\ny ${switchboard.nope}", Map.of(), Path.of("broker.xml")));
        assertTrue(e.getMessage().startsWith("broker.xml:2: unknown placeholder ${switchboard.nope}"), e.getMessage());
    }
}

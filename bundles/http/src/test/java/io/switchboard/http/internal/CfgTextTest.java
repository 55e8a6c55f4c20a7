package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CfgTextTest {

    @Test
    void commentsStayWithTheirKeysAndRemovedKeysTakeTheirsAlong() {
        String old = "# header\n\n# retries\nmaxAttempts = 3\n# goes\nold = x\nurl = a\\\n  b\n";
        String out = CfgText.rewrite(old, Map.of("maxAttempts", "7", "url", "http://h:1/p", "added", "y"));
        assertEquals("# header\n\n# retries\nmaxAttempts = 7\nurl = http://h:1/p\nadded = y\n", out);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameValues() throws Exception {
        Map<String, String> values = Map.of("a key", "  leading", "path", "C:\\dir\\x", "hash", "#not a comment",
                "multi", "line1\nline2", "unicode", "grüße");
        Map<String, String> read = CfgText.read(CfgText.rewrite(null, values));
        values.forEach((k, v) -> assertEquals(v.trim(), read.get(k), k));
    }
}

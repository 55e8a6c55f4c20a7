package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CfgTextTest {

    @Test
    void commentsStayWithTheirKeysAndRemovedKeysTakeTheirsAlong() throws Exception {
        String old = "# header\n\n# retries\nmaxAttempts = 3\n# goes\nold = x\nurl = a\\\n  b\n";
        String out = CfgText.rewrite(old, Map.of("maxAttempts", "7", "url", "http://h:1/p", "added", "y"));
        assertEquals("# header\n\n# retries\nmaxAttempts = 7\nurl = http://h:1/p\nadded = y\n", out);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameValues() throws Exception {
        Map<String, String> values = Map.of("a key", "  leading", "path", "C:\\dir\\x", "hash", "#not a comment",
                "multi", "line1\nline2", "unicode", "grüße");
        Map<String, String> read = deployerReads(CfgText.rewrite(null, values));
        values.forEach((k, v) -> assertEquals(v.trim(), read.get(k), k));
    }

    @Test
    void aFileWhoseValuesLookTypedStaysPlainTextForTheDeployer() throws Exception {
        String out = CfgText.rewrite("greeting = \"hi\"\n", Map.of("greeting", "\"hi\"", "added", "x"));
        assertEquals("greeting = \"hi\"\nadded = x\n", out);
        assertEquals(Map.of("greeting", "\"hi\"", "added", "x"), deployerReads(out));
    }

    @Test
    void listsAreWrittenCommaJoinedAndPlaceholdersAsWritten() throws Exception {
        String out = CfgText.rewrite("home = ${env:HOME}/x\n",
                Map.of("home", "${env:HOME}/x", "headers", new String[] {"a", "b"}, "ids", List.of(1, 2)));
        assertEquals(Map.of("home", "${env:HOME}/x", "headers", "a,b", "ids", "1,2"), deployerReads(out));
        assertEquals("home = ${env:HOME}/x", out.lines().findFirst().orElseThrow());
    }

    /** As the deployer's ConfigFile reads a .cfg: Java properties, values trimmed. */
    private static Map<String, String> deployerReads(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }
}

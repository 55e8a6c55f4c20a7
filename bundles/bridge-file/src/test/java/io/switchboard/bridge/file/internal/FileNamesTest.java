package io.switchboard.bridge.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.routing.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** File names from templates: headers, dates, and the default of the message id and an extension. */
class FileNamesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theDefaultIsTheMessageIdWithTheExtensionOfItsContentType() throws Exception {
        FileNames n = FileNames.of("");
        assertEquals("m-1.json", n.name(Map.of("SB_MESSAGE_ID", "m-1"), "application/json", new byte[0], NOW));
        assertEquals("m-1.csv", n.name(Map.of("SB_MESSAGE_ID", "m-1"), "text/csv; charset=utf-8", new byte[0], NOW));
        assertEquals("m-1.bin", n.name(Map.of("SB_MESSAGE_ID", "m-1"), "image/png", new byte[0], NOW));
        String byBody = n.name(Map.of(), "text/plain", "x".getBytes(StandardCharsets.UTF_8), NOW);
        assertEquals(byBody, n.name(Map.of(), "text/plain", "x".getBytes(StandardCharsets.UTF_8), NOW),
                "without an id, the same body gets the same name");
        assertTrue(byBody.matches("[0-9a-f]{32}\\.txt"), byBody);
    }

    @Test
    void aTemplateTakesHeadersAndDates() throws Exception {
        FileNames n = FileNames.of("${date:yyyy}/${customer}-${SB_MESSAGE_ID}.xml");
        String name = n.name(Map.of("customer", "acme", "SB_MESSAGE_ID", "7"), "application/xml", new byte[0], NOW);
        assertEquals("2026/acme-7.xml", name);
    }

    @Test
    void aMissingHeaderIsAPermanentFailureAndABadTemplateIsRefusedNamingFileName() {
        FileNames n = FileNames.of("${customer}.xml");
        assertTrue(assertThrows(PermanentFailure.class, () -> n.name(Map.of(), null, new byte[0], NOW)).getMessage()
                .contains("no header customer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FileNames.of("${date:qqqqqqq}"))
                .getMessage().startsWith("fileName"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FileNames.of("${a b}")).getMessage()
                .startsWith("fileName"));
    }
}

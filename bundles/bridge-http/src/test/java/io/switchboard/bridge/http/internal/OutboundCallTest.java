package io.switchboard.bridge.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.routing.RouteMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundCallTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(120), OutboundCall.retryAfter("120", NOW));
        assertEquals(Duration.ofSeconds(90), OutboundCall.retryAfter("Sun, 06 Dec 2026 10:01:30 GMT", NOW));
        assertEquals(Duration.ZERO, OutboundCall.retryAfter("Sun, 06 Dec 2026 09:00:00 GMT", NOW));
        assertNull(OutboundCall.retryAfter("soon", NOW));
        assertNull(OutboundCall.retryAfter(null, NOW));
    }

    @Test
    void theUrlTemplateTakesTheMessagesHeadersEncoded() {
        Outgoing m = Outgoing.of(new RouteMessage(Map.of("SB_MESSAGE_ID", "a b/1", "__X_hTenant", "acme"),
                "{}".getBytes(StandardCharsets.UTF_8), true));
        assertEquals("https://crm/t/acme/orders/a%20b%2F1", OutboundCall.url("https://crm/t/{X-Tenant}/orders/{SB_MESSAGE_ID}", m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutboundCall.url("https://crm/{missing}", m));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void escapedHeaderNamesGoOutAsTheFarSideNamedThem() {
        Outgoing m = Outgoing.of(new RouteMessage(Map.of("__X_hB3_hTraceId", "abc", "SB_TYPE", "order.created",
                "SB_CONTENT_TYPE", "text/csv"), new byte[0], true));
        assertEquals("abc", m.headers().get("X-B3-TraceId"));
        assertEquals("order.created", m.type());
        assertEquals("text/csv", m.contentType());
    }
}

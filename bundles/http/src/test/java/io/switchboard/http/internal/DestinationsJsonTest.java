package io.switchboard.http.internal;

import io.switchboard.kernel.api.QueueInfo;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationsJsonTest {


    private static DestinationsJson.TestMessage parse(String json) throws Exception {
        return DestinationsJson.testMessage(Json.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void totalsAddUpTheQueuesSoAPollingConsoleCanComputeRates() {
        var a = new QueueInfo("a", "a", "ANYCAST", true, false, false, 3, 1, 10, 7, 0, 0);
        var b = new QueueInfo("DLQ", "DLQ", "ANYCAST", true, false, true, 2, 0, 5, 3, 0, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) DestinationsJson.listing(List.of(a, b), List.of(), 42).get("totals");
        assertEquals(5L, totals.get("depth"));
        assertEquals(15L, totals.get("messagesAdded"));
        assertEquals(2, totals.get("queues"));
    }

    @Test
    void aTestMessageNeedsOnlyABodyAndIsDurableByDefault() throws Exception {
        var m = parse("{\"body\":\"hi\"}");
        assertEquals("hi", m.body());
        assertTrue(m.durable());
        assertNull(m.routingType());
        assertEquals(Map.of(), m.properties());
        var full = parse("{\"body\":\"x\",\"properties\":{\"k\":\"v\"},\"routingType\":\"MULTICAST\",\"durable\":false}");
        assertEquals(Map.of("k", "v"), full.properties());
        assertEquals("MULTICAST", full.routingType());
        assertFalse(full.durable());
    }

    @Test
    void aWrongTestMessageIsRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{}")).getMessage().contains("'body'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"body\":\"x\",\"properties\":{\"n\":1}}"))
                .getMessage().contains("'properties.n'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("{\"body\":\"x\",\"durable\":\"yes\"}"))
                .getMessage().contains("'durable'"));
        assertTrue(assertThrows(ApiException.class, () -> parse("{\"body\":")).getMessage()
                .contains("not JSON"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("")).getMessage().contains("JSON object"));
    }

}

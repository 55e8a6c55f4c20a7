package io.switchboard.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeHeadersTest {

    @Test
    void namesThatArePropertyNamesStayAsTheyAre() {
        for (String name : List.of("country", "SB_TYPE", "order_date", "traceparent", "_x")) {
            assertEquals(name, BridgeHeaders.escape(name));
            assertEquals(name, BridgeHeaders.unescape(name));
        }
    }

    @Test
    void namesJmsRefusesAreEscapedToPropertyNamesAndBack() {
        for (String name : List.of("X-B3-TraceId", "X-Hub-Signature-256", "content.type", "1st", "JMSType", "JMSXGroupID",
                "NULL", "and", "__already", "a__b-c.d", "ümlaut-€", "x y", "_h", "webhook-id")) {
            String property = BridgeHeaders.escape(name);
            assertTrue(BridgeHeaders.isPropertyName(property), name + " -> " + property);
            assertEquals(name, BridgeHeaders.unescape(property), property);
        }
        assertEquals("__X_hB3_hTraceId", BridgeHeaders.escape("X-B3-TraceId"));
    }

    @Test
    void aPropertyThatIsNoWellFormedEscapeIsItsOwnName() {
        assertEquals("__x_q", BridgeHeaders.unescape("__x_q"));
        assertEquals("__x_u12", BridgeHeaders.unescape("__x_u12"));
        assertEquals("__", BridgeHeaders.unescape("__"));
    }

    @Test
    void propertyNames() {
        assertFalse(BridgeHeaders.isPropertyName("X-B3"));
        assertFalse(BridgeHeaders.isPropertyName("JMSType"));
        assertFalse(BridgeHeaders.isPropertyName("between"));
        assertFalse(BridgeHeaders.isPropertyName(""));
        assertThrows(IllegalArgumentException.class, () -> BridgeHeaders.escape(""));
    }
}

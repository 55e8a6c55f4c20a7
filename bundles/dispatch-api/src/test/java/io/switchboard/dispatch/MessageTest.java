package io.switchboard.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {

    public record Circle(double radius) {
    }

    @Test
    void typedBodiesRoundTripThroughJson() {
        Message m = Message.builder("shape.circle").operation("area").json(new Circle(2.5)).build();
        assertEquals(Message.JSON, m.contentType());
        assertEquals(2.5, m.body(Circle.class).radius());
        assertEquals("{\"radius\":2.5}", m.bodyText());
    }

    @Test
    void aBodyMissingAFieldIsAPayloadErrorNamingIt() {
        // bad input: {"side": 2} is not a circle
        Message m = Message.builder("shape.circle").json(Map.of("side", 2)).build();
        PayloadException e = assertThrows(PayloadException.class, () -> m.body(Circle.class));
        assertTrue(e.getMessage().contains("radius"), e.getMessage());
        PayloadException notJson = assertThrows(PayloadException.class,
                () -> Message.builder("x").text("{radius: ").build().body(Circle.class));
        assertTrue(notJson.getMessage().contains("line 1"), notJson.getMessage());
    }

    @Test
    void typesAreDotSeparatedNames() {
        assertTrue(Message.isValidType("shape.circle"));
        assertTrue(Message.isValidType("a_b-c.d1"));
        assertFalse(Message.isValidType("shape..circle"));
        assertFalse(Message.isValidType(".shape"));
        assertFalse(Message.isValidType("shape circle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Message.builder("a b"));
        assertTrue(e.getMessage().contains("'a b'"));
    }

    @Test
    void theBodyCannotBeChangedFromOutside() {
        byte[] bytes = {1, 2, 3};
        Message m = Message.builder("t").body(bytes, "application/octet-stream").build();
        m.bodyBytes()[0] = 9;
        assertEquals(1, m.body().get(0));
        assertTrue(m.body().isReadOnly());
    }
}

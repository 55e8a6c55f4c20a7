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
    void aTypeHasALengthLimitCheckedWithoutRecursion() {
        // bad input as reported: "a.a.a..." of 4 kB overflowed the stack in a regular expression
        String limit = "a.".repeat(127) + "a";
        assertEquals(Message.MAX_TYPE_LENGTH, limit.length());
        assertTrue(Message.isValidType(limit));
        assertFalse(Message.isValidType(limit + "b"));
        assertFalse(Message.isValidType("a.".repeat(2048) + "a"));
        assertFalse(Message.isValidType("a.".repeat(1 << 20) + "a"));
        assertFalse(Message.isValidType("shape."));
        assertFalse(Message.isValidType(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Message.builder("a.".repeat(2048) + "a"));
        assertTrue(e.getMessage().contains("4097 characters long; at most 255"), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }

    @Test
    void aTypeWithControlCharactersIsRefusedAndShownEscaped() {
        // bad input as reported: a newline in SB_TYPE wrote a fake log line
        String forged = "x\n2026-12-05 09:00:00.000 INFO Fake - admin logged in";
        assertFalse(Message.isValidType(forged));
        assertFalse(Message.isValidType("x\u0000"));
        String problem = Message.typeProblem(forged);
        assertFalse(problem.contains("\n"), problem);
        assertTrue(problem.contains("'x\\n2026"), problem);
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

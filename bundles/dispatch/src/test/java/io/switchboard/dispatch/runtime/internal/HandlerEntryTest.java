package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.dispatch.MessageHandler;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerEntryTest {

    private static final MessageHandler HANDLER = m -> null;

    private static HandlerEntry entry(Object... properties) {
        Map<String, Object> p = new HashMap<>();
        p.put(MessageHandler.TYPE, "orders.created");
        p.put("service.id", 7L);
        for (int i = 0; i < properties.length; i += 2) {
            p.put((String) properties[i], properties[i + 1]);
        }
        return new HandlerEntry(HANDLER, p, "test", 1,
                new DispatchMetrics(new SimpleMeterRegistry()).forHandler("test"));
    }

    @Test
    void theIdempotentConsumerIsTheExplicitNameElseTheComponentElseTheClass() {
        // consumer names survive restarts: never the service id
        assertEquals("billing", entry(MessageHandler.CONSUMER, "billing", "component.name", "c.Billing").consumer);
        assertEquals("c.Billing", entry(MessageHandler.CONSUMER, " ", "component.name", "c.Billing").consumer);
        assertEquals(HANDLER.getClass().getName(), entry().consumer);
    }

    @Test
    void idempotentOnlyWhenTheHandlerAsksForIt() {
        // opt-in: Boolean true from @Handles(idempotent = true), or "true" from a whiteboard registration
        assertTrue(entry(MessageHandler.IDEMPOTENT, true).idempotent);
        assertTrue(entry(MessageHandler.IDEMPOTENT, "true").idempotent);
        assertFalse(entry(MessageHandler.IDEMPOTENT, false).idempotent);
        assertFalse(entry().idempotent);
    }
}

package io.switchboard.dispatch.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dispatch.DispatchTable;
import io.switchboard.dispatch.HandlerInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchCommandsTest {

    private static final HandlerInfo CIRCLE = new HandlerInfo("Circle", List.of("shape.circle"), List.of("area"),
            "io.switchboard.examples.shape.circle", 7, 42, 0, 0, 3, 1);

    private static final DispatchTable TABLE = new DispatchTable() {
        @Override
        public List<HandlerInfo> handlers() {
            return List.of(CIRCLE);
        }

        @Override
        public Optional<HandlerInfo> resolve(String type, String operation) {
            return type.startsWith("shape.circle") ? Optional.of(CIRCLE) : Optional.empty();
        }

        @Override
        public Map<String, Long> parked() {
            return Map.of("shape.triangle", 2L);
        }

        @Override
        public int redispatch(String type) {
            return 0;
        }
    };

    @Test
    void theShellShowsTheHandlerTableParkedCountsAndResolution() {
        // rule 7: the handler table and parked counts are available in the shell
        DispatchCommands commands = new DispatchCommands(TABLE);
        String handlers = commands.handlers();
        assertTrue(handlers.contains("shape.circle"), handlers);
        assertTrue(handlers.contains("io.switchboard.examples.shape.circle/Circle (service 42)"), handlers);
        assertTrue(commands.parked().contains("shape.triangle"));
        assertEquals("shape.circle -> io.switchboard.examples.shape.circle/Circle", commands.resolve("shape.circle", "area"));
        assertEquals("shape.square -> nothing: it would be parked", commands.resolve("shape.square"));
    }
}

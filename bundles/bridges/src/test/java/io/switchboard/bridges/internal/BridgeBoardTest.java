package io.switchboard.bridges.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.bridge.BridgeInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeBoardTest {

    @Test
    void onlyARequiredInstanceThatIsNotConnectedHoldsThePlatformBack() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        BridgeBoard board = new BridgeBoard(meters);
        BridgeInstance optional = new BridgeInstance("file.in", "orders", false, Map.of("folder", "inbox"));
        BridgeInstance required = new BridgeInstance("http.out", "erp", true, Map.of("password", "s3cret"));
        board.addBridge(optional);
        board.addBridge(required);
        optional.disconnected("folder inbox does not exist");
        required.connected();
        assertTrue(board.notReadyReason().isEmpty(), "a bridge that is down does not make the platform unready");

        required.disconnected("connection refused");
        assertEquals("bridge http.out~erp (required) is DISCONNECTED: connection refused",
                board.notReadyReason().orElseThrow());
        Map<String, Object> details = board.details();
        assertEquals("DISCONNECTED", ((Map<?, ?>) details.get("file.in~orders")).get("state"));
        assertEquals("********", board.status("http.out~erp").orElseThrow().settings().get("password"));

        required.in();
        required.failure("HTTP 503");
        assertEquals(1.0, meters.get("switchboard.bridge.messages.in").tag("instance", "erp").functionCounter().count());
        assertEquals(0.0, meters.get("switchboard.bridge.connected").tag("instance", "erp").gauge().value());
        board.removeBridge(required);
        assertTrue(meters.find("switchboard.bridge.messages.in").tag("instance", "erp").functionCounter() == null,
                "its meters go with it");
        assertTrue(board.notReadyReason().isEmpty());
    }
}

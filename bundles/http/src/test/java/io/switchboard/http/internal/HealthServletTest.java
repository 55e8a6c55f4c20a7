package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthServletTest {

    @Test
    void readyWithoutReasons() {
        Map<String, Object> body = HealthServlet.readiness(List.of());
        assertEquals("UP", body.get("status"));
        assertFalse(body.containsKey("reasons"));
    }

    @Test
    void notReadyCarriesTheKernelsReasons() {
        Map<String, Object> body = HealthServlet.readiness(List.of("broker not accepting connections"));
        assertEquals("DOWN", body.get("status"));
        assertEquals(List.of("broker not accepting connections"), body.get("reasons"));
    }
}

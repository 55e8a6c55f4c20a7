package io.switchboard.bridge.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HookSettingsTest {

    /** A configuration as Config Admin would give it: the defaults, with some values set. */
    static HookConfiguration config(Map<String, Object> values) {
        return (HookConfiguration) java.lang.reflect.Proxy.newProxyInstance(HookConfiguration.class.getClassLoader(),
                new Class<?>[] {HookConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return HookConfiguration.class;
                    }
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    private static String refusal(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> HookSettings.of("x", config(values))).getMessage();
    }

    @Test
    void aTypeIsARouteToDispatch() {
        HookSettings s = HookSettings.of("c", config(Map.of("path", "/shapes/circle", "type", "shape.circle",
                "operation", "area", "replyTimeout", "5s")));
        assertEquals("shapes/circle", s.path());
        assertEquals("dispatch:shape.circle#area", s.to());
        assertEquals(5000, s.replyTimeout().toMillis());
    }

    @Test
    void everyRefusalNamesItsField() {
        assertTrue(refusal(Map.of()).startsWith("path"), refusal(Map.of()));
        assertTrue(refusal(Map.of("path", "../etc")).startsWith("path"));
        assertTrue(refusal(Map.of("path", "a", "auth", "hmac-sha256")).contains("secret is required"));
        assertTrue(refusal(Map.of("path", "a", "auth", "standard-webhooks", "secret", "whsec_***")).contains("secret"));
        assertTrue(refusal(Map.of("path", "a", "auth", "magic")).startsWith("auth"));
        assertTrue(refusal(Map.of("path", "a", "to", "nowhere")).startsWith("to"));
        assertTrue(refusal(Map.of("path", "a", "to", "jms:queue:a", "type", "t")).contains("to and type"));
        assertTrue(refusal(Map.of("path", "a", "replyTimeout", "5s")).startsWith("replyTimeout"));
        assertTrue(refusal(Map.of("path", "a", "maxBytes", 0L)).startsWith("maxBytes"));
        assertTrue(refusal(Map.of("path", "a", "tolerance", "soon")).startsWith("tolerance"));
    }

    @Test
    void mediaTypesLoseTheirParameters() {
        assertEquals("application/json", HookSettings.mediaType("Application/JSON; charset=utf-8"));
        assertEquals("", HookSettings.mediaType(null));
    }
}

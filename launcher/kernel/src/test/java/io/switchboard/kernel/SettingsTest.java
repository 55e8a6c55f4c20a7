package io.switchboard.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsAreTheDocumentedContract() {
        Settings s = Settings.from(Path.of("/sb"), props(), Map.of());
        assertEquals(8181, s.httpPort());
        assertEquals(61616, s.brokerPort());
        assertEquals("127.0.0.1", s.httpHost());
        assertEquals("127.0.0.1", s.brokerHost());
        assertEquals(Path.of("/sb/data"), s.data());
        assertEquals(Settings.BrokerMode.EMBEDDED, s.brokerMode());
        assertEquals(Duration.ofSeconds(30), s.drainTimeout());
    }

    @Test
    void environmentOverridesTheFile() {
        Settings s = Settings.from(Path.of("/sb"), props("http.port", "9000", "broker.port", "7000"),
                Map.of("SWITCHBOARD_HTTP_PORT", "9100", "SWITCHBOARD_BROKER_PORT", "7100", "SWITCHBOARD_DATA", "/tmp/x"));
        assertEquals(9100, s.httpPort());
        assertEquals(7100, s.brokerPort());
        assertEquals(Path.of("/tmp/x"), s.data());
    }

    @Test
    void aBadValueNamesTheFileKeyAndExpectation() {
        var e = assertThrows(Settings.SettingsException.class,
                () -> Settings.from(Path.of("/sb"), props("http.port", "eighty"), Map.of()));
        assertTrue(e.getMessage().contains("config/switchboard.properties: http.port = 'eighty'"), e.getMessage());
        var env = assertThrows(Settings.SettingsException.class,
                () -> Settings.from(Path.of("/sb"), props(), Map.of("SWITCHBOARD_BROKER_PORT", "70000")));
        assertTrue(env.getMessage().contains("environment variable SWITCHBOARD_BROKER_PORT"), env.getMessage());
        var mode = assertThrows(Settings.SettingsException.class,
                () -> Settings.from(Path.of("/sb"), props("broker.mode", "cluster"), Map.of()));
        assertTrue(mode.getMessage().contains("expected embedded or remote"), mode.getMessage());
    }

    @Test
    void remoteModeNeedsUrls() {
        var e = assertThrows(Settings.SettingsException.class,
                () -> Settings.from(Path.of("/sb"), props("broker.mode", "remote"), Map.of()));
        assertTrue(e.getMessage().contains("broker.remote.urls"), e.getMessage());
        Settings s = Settings.from(Path.of("/sb"),
                props("broker.mode", "remote", "broker.remote.urls", "tcp://a:1, tcp://b:2"), Map.of());
        assertEquals(List.of("tcp://a:1", "tcp://b:2"), s.remoteUrls());
    }

    @Test
    void durationsTakeSecondsMillisAndIso() {
        assertEquals(Duration.ofMillis(500),
                Settings.from(Path.of("/sb"), props("shutdown.drain.timeout", "500ms"), Map.of()).drainTimeout());
        assertEquals(Duration.ofMinutes(1),
                Settings.from(Path.of("/sb"), props("shutdown.drain.timeout", "PT1M"), Map.of()).drainTimeout());
        assertThrows(Settings.SettingsException.class,
                () -> Settings.from(Path.of("/sb"), props("shutdown.drain.timeout", "soon"), Map.of()));
    }
}

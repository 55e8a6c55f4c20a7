package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/switchboard start | status | stop, as an operator runs them, on the unpacked distribution. */
class ScriptTest {

    @TempDir
    Path dir;

    private record Result(int code, String out) {
    }

    private Result run(Path home, Map<String, String> env, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = home.resolve("bin/switchboard").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void startStatusStopInTheBackground() throws Exception {
        Path home = Platform.unpack(dir);
        Map<String, String> env = Map.of(
                "SWITCHBOARD_HTTP_PORT", Integer.toString(Platform.freePort()),
                "SWITCHBOARD_BROKER_PORT", Integer.toString(Platform.freePort()));
        try {
            Result start = run(home, env, "start");
            assertEquals(0, start.code(), start.out());
            assertTrue(start.out().contains("Switchboard ready in"), start.out());
            assertTrue(Files.readString(home.resolve("data/initial-admin-password")).trim().length() >= 20,
                    "the generated admin password is written once for the operator");

            Result status = run(home, env, "status");
            assertEquals(0, status.code(), status.out());
            assertTrue(status.out().contains("is running") && status.out().contains("200"), status.out());
            assertEquals(0, run(home, env, "start").code(), "start twice is harmless");

            Result stop = run(home, env, "stop");
            assertEquals(0, stop.code(), stop.out());
            assertTrue(Files.readString(home.resolve("data/log/switchboard.out")).contains("Switchboard stopped"));
            assertEquals(3, run(home, env, "status").code(), "status of a stopped platform");
        } finally {
            run(home, env, "stop");
        }
    }

    @Test
    void aBadSettingStopsTheStartWithTheKeyNamed() throws Exception {
        Path home = Platform.unpack(dir);
        Result r = run(home, Map.of("SWITCHBOARD_HTTP_PORT", "eighty"), "run");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("environment variable SWITCHBOARD_HTTP_PORT = 'eighty' is invalid"), r.out());
    }
}

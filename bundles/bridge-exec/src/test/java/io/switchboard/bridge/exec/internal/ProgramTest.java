package io.switchboard.bridge.exec.internal;

import static io.switchboard.bridge.exec.internal.Programs.script;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramTest {

    @TempDir
    Path dir;

    @Test
    void aNameWithoutSlashIsLookedUpOnPathAndARelativePathFromTheDirectory() {
        assertEquals(Optional.of(Path.of("/bin/cat")), new Program("cat", dir, "/nowhere:/bin").find());
        Path p = script(dir, "here.sh", "true");
        assertEquals(Optional.of(p), new Program("./here.sh", dir, "").find());
        assertEquals(Optional.empty(), new Program("here.sh", dir, "/bin").find());
    }

    @Test
    void theProblemSaysWhatIsWrongWithTheProgram() throws Exception {
        assertEquals(Optional.of("program nosuchprogram is not found on PATH (/bin)"),
                new Program("nosuchprogram", dir, "/bin").problem());
        assertEquals(Optional.of("program " + dir.resolve("x.sh") + " does not exist"),
                new Program("./x.sh", dir, "").problem());
        Path p = script(dir, "x.sh", "true");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.of("program " + p + " is not executable (chmod +x it)"),
                new Program("./x.sh", dir, "").problem());
        assertEquals(Optional.of("directory " + dir.resolve("gone") + " does not exist"),
                new Program("/bin/cat", dir.resolve("gone"), "").problem());
    }

    @Test
    void theWatchSaysWhenAMissingProgramAppearsAndWhenItGoes() throws Exception {
        List<Optional<String>> changes = new CopyOnWriteArrayList<>();
        Program program = new Program("./late.sh", dir, "");
        try (ProgramWatch watch = new ProgramWatch("test", program, Duration.ofMillis(50), changes::add).start()) {
            assertEquals(List.of(Optional.of("program " + dir.resolve("late.sh") + " does not exist")), changes);
            script(dir, "late.sh", "true");
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 2);
            assertEquals(Optional.empty(), changes.get(1));
            Files.delete(dir.resolve("late.sh"));
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 3);
        }
    }

    @Test
    void aConfigurationWithoutTypeOrCommandIsRefusedNamingTheSetting() {
        assertEquals("type", field(Map.of("command", "/bin/cat")));
        assertEquals("command", field(Map.of("type", "a.b")));
        assertEquals("type", field(Map.of("type", "not a type", "command", "/bin/cat")));
        assertEquals("timeout", field(Map.of("type", "a.b", "command", "/bin/cat", "timeout", "0s")));
        assertEquals("concurrency", field(Map.of("type", "a.b", "command", "/bin/cat", "concurrency", 0)));
        assertEquals("environment", field(Map.of("type", "a.b", "command", "/bin/cat", "environment",
                new String[] {"A-B"})));
        assertEquals("exitCodes", field(Map.of("type", "a.b", "command", "/bin/cat", "exitCodes",
                new String[] {"ok = x"})));
    }

    private String field(Map<String, Object> values) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> ExecSettings.parse("t", TestConfigurations.configuration(values), dir)).getMessage();
        return message.split("[: =]")[0];
    }
}

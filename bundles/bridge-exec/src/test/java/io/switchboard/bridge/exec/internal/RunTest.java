package io.switchboard.bridge.exec.internal;

import static io.switchboard.bridge.exec.internal.Programs.script;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RunTest {

    @TempDir
    Path dir;

    private RunResult run(ExecSettings settings, byte[] input, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(settings.argv());
        argv.addAll(List.of(args));
        return new Run(settings, Programs.THREADS).run(argv, Map.of("PATH", "/usr/bin:/bin"), input);
    }

    @Test
    void theBodyGoesToStdinAndStdoutComesBackWhileBothFlowAtOnce() throws Exception {
        // 4 MB through cat: more than both pipe buffers, so writing all before reading would deadlock
        byte[] body = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(body);
        RunResult result = run(TestConfigurations.settings(dir, "/bin/cat"), body);
        assertTrue(result.ok(), result.reason());
        assertArrayEquals(body, result.output());
    }

    @Test
    void theExitCodeDecidesOkTransientOrPermanentAndStderrIsTheReason() throws Exception {
        Path p = script(dir, "exits.sh", "cat > /dev/null", "echo \"went wrong with $1\" >&2", "exit \"$1\"");
        ExecSettings settings = TestConfigurations.settings(dir, p.toString());
        assertEquals(ExitCodes.Meaning.OK, run(settings, new byte[0], "0").outcome());
        RunResult transientOne = run(settings, new byte[0], "75");
        assertEquals(ExitCodes.Meaning.TRANSIENT, transientOne.outcome());
        assertEquals("exit 75: went wrong with 75", transientOne.reason());
        RunResult permanent = run(settings, "x".getBytes(), "3");
        assertEquals(ExitCodes.Meaning.PERMANENT, permanent.outcome());
        assertEquals(3, permanent.exitCode());
        assertEquals("exit 3: went wrong with 3", permanent.reason());
    }

    @Test
    void configuredExitCodesOverrideTheDefaults() throws Exception {
        Path p = script(dir, "exits.sh", "exit \"$1\"");
        ExecSettings settings = TestConfigurations.settings(dir, p.toString(), "exitCodes",
                new String[] {"ok = 0, 1; transient = 69"});
        assertEquals(ExitCodes.Meaning.OK, run(settings, new byte[0], "1").outcome());
        assertEquals(ExitCodes.Meaning.TRANSIENT, run(settings, new byte[0], "69").outcome());
        assertEquals(ExitCodes.Meaning.PERMANENT, run(settings, new byte[0], "2").outcome());
    }

    @Test
    void aProgramThatHangsIsStoppedWithEveryProcessItStarted() throws Exception {
        Path pids = dir.resolve("pids");
        Path p = script(dir, "hangs.sh",
                "echo $$ >> \"$1\"",
                "sleep 600 & echo $! >> \"$1\"",
                "/bin/sh -c 'sleep 600 & echo $! >> \"$0\"; sleep 600' \"$1\" & echo $! >> \"$1\"",
                "sleep 600");
        RunResult result = run(TestConfigurations.settings(dir, p.toString(), "timeout", "3s", "grace", "1s"),
                new byte[0], pids.toString());
        assertEquals(ExitCodes.Meaning.TRANSIENT, result.outcome());
        assertTrue(result.reason().startsWith("timeout after 3s: stopped"), result.reason());
        List<Long> started = Programs.pids(pids);
        assertEquals(4, started.size(), "the script, two children and a grandchild: " + started);
        for (long pid : started) {
            assertFalse(Programs.running(pid), "process " + pid + " is left running");
        }
    }

    @Test
    void aProgramThatIgnoresTermIsKilledAfterTheGracePeriod() throws Exception {
        Path pids = dir.resolve("pids");
        Path p = script(dir, "stubborn.sh", "trap '' TERM", "echo $$ >> \"$1\"", "sleep 600 & echo $! >> \"$1\"",
                "wait");
        RunResult result = run(TestConfigurations.settings(dir, p.toString(), "timeout", "2s", "grace", "500ms"),
                new byte[0], pids.toString());
        assertTrue(result.reason().contains("needed KILL after 500ms"), result.reason());
        for (long pid : Programs.pids(pids)) {
            assertFalse(Programs.running(pid), "process " + pid + " is left running");
        }
    }

    @Test
    void whatAProgramLeavesRunningInTheBackgroundIsStoppedWhenItsRunEnds() throws Exception {
        Path pids = dir.resolve("pids");
        Path p = script(dir, "leaves.sh", "sleep 600 > /dev/null 2>&1 < /dev/null & echo $! >> \"$1\"",
                "sleep 1", "echo done");
        RunResult result = run(TestConfigurations.settings(dir, p.toString()), new byte[0], pids.toString());
        assertEquals("done\n", new String(result.output(), StandardCharsets.UTF_8));
        for (long pid : Programs.pids(pids)) {
            assertFalse(Programs.running(pid), "process " + pid + " is left running");
        }
    }

    @Test
    void a100MegabyteStderrDoesNotHangAndOnlyItsEndIsKeptAsTheReason() throws Exception {
        Path p = script(dir, "noisy.sh", "yes 'a noisy line' | head -c 100000000 >&2", "echo 'the real reason' >&2",
                "exit 4");
        RunResult result = run(TestConfigurations.settings(dir, p.toString(), "maxError", 4096L), new byte[0]);
        assertEquals(ExitCodes.Meaning.PERMANENT, result.outcome());
        assertTrue(result.reason().length() < 4096 + 200, "reason of " + result.reason().length() + " characters");
        assertTrue(result.reason().contains("the real reason [the last 4096 of 100000016 bytes of stderr]"),
                result.reason().substring(result.reason().length() - 120));
    }

    @Test
    void outputOverMaxOutputFailsForGoodAndStopsTheProgram() throws Exception {
        RunResult result = run(TestConfigurations.settings(dir, "/usr/bin/yes", "maxOutput", 1000L), new byte[0]);
        assertEquals(ExitCodes.Meaning.PERMANENT, result.outcome());
        assertTrue(result.reason().startsWith("output over maxOutput (1000 bytes)"), result.reason());
    }

    @Test
    void withShellTheCommandRunsThroughBinSh() throws Exception {
        ExecSettings settings = TestConfigurations.settings(dir, "tr a-z A-Z | sed 's/^/> /'", "shell", true);
        assertEquals(List.of("/bin/sh", "-c", "tr a-z A-Z | sed 's/^/> /'"), settings.argv());
        RunResult result = run(settings, "hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("> HELLO\n", result.text().orElseThrow());
    }

    @Test
    void theProgramRunsInTheConfiguredDirectory() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("work"));
        RunResult result = run(TestConfigurations.settings(dir, "/bin/pwd", "directory", "work"), new byte[0]);
        assertEquals(dir.resolve("work").toRealPath() + "\n", result.text().orElseThrow());
    }
}

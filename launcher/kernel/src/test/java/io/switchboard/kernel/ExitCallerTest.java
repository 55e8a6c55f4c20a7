package io.switchboard.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitCallerTest {

    private static StackTraceElement frame(String c, String m) {
        return new StackTraceElement(c, m, c.substring(c.lastIndexOf('.') + 1) + ".java", 1);
    }

    @Test
    void theFrameBelowTheJdksExitFramesIsNamed() {
        StackTraceElement[] stack = {frame("java.lang.Thread", "join"), frame("java.lang.ApplicationShutdownHooks", "runHooks"),
                frame("java.lang.Shutdown", "exit"), frame("java.lang.Runtime", "exit"), frame("java.lang.System", "exit"),
                frame("com.example.Evil", "start"), frame("org.apache.felix.framework.Felix", "startBundle")};
        assertEquals(Optional.of("com.example.Evil.start(Evil.java:1)"), ExitCaller.callerOf(stack).map(String::valueOf));
    }

    @Test
    void anExitByReflectionNamesTheCallerBelowTheReflectionFrames() {
        StackTraceElement[] stack = {frame("java.lang.Shutdown", "exit"), frame("java.lang.System", "exit"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"),
                frame("java.lang.reflect.Method", "invoke"), frame("com.example.Sly", "start")};
        assertEquals(Optional.of("com.example.Sly.start(Sly.java:1)"), ExitCaller.callerOf(stack).map(String::valueOf));
    }

    @Test
    void aThreadThatIsNotExitingAndTheKernelsOwnExitAreNotNamed() {
        assertTrue(ExitCaller.callerOf(new StackTraceElement[] {frame("a.B", "c")}).isEmpty());
        assertTrue(ExitCaller.callerOf(new StackTraceElement[] {frame("java.lang.System", "exit"),
                frame(Main.class.getName(), "main")}).isEmpty());
    }

    @Test
    void anExitOnAThreadOfItsOwnIsFoundAndItsClassRecordedForTheNextBoot(@TempDir Path data) throws Exception {
        StackTraceElement[] stack = {frame("java.lang.Shutdown", "exit"), frame("java.lang.System", "exit"),
                frame("java.lang.reflect.Method", "invoke"), frame("com.example.Sly$1", "run"),
                frame("java.lang.Thread", "run")};
        ExitCaller.Caller caller = ExitCaller.find(Map.of(new Thread(() -> { }, "sly-timer"), stack)).orElseThrow();
        assertEquals("com.example.Sly$1", caller.className());
        assertEquals("com.example.Sly$1.run(Sly$1.java:1) (thread 'sly-timer')", caller.description());
        ExitCaller.remember(caller, data);
        assertEquals("com.example.Sly$1\n", Files.readString(data.resolve("deployer/exit.caller")));
    }
}

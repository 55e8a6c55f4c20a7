package io.switchboard.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitCallerTest {

    private static StackTraceElement frame(String c, String m) {
        return new StackTraceElement(c, m, c.substring(c.lastIndexOf('.') + 1) + ".java", 1);
    }

    @Test
    void theFrameBelowTheJdksExitFramesIsNamed() {
        StackTraceElement[] stack = {frame("java.lang.Thread", "join"), frame("java.lang.ApplicationShutdownHooks", "runHooks"),
                frame("java.lang.Shutdown", "exit"), frame("java.lang.Runtime", "exit"), frame("java.lang.System", "exit"),
                frame("com.example.Evil", "start"), frame("org.apache.felix.framework.Felix", "startBundle")};
        assertEquals(Optional.of("com.example.Evil.start(Evil.java:1)"), ExitCaller.callerOf(stack));
    }

    @Test
    void anExitByReflectionNamesTheCallerBelowTheReflectionFrames() {
        StackTraceElement[] stack = {frame("java.lang.Shutdown", "exit"), frame("java.lang.System", "exit"),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"),
                frame("java.lang.reflect.Method", "invoke"), frame("com.example.Sly", "start")};
        assertEquals(Optional.of("com.example.Sly.start(Sly.java:1)"), ExitCaller.callerOf(stack));
    }

    @Test
    void aThreadThatIsNotExitingAndTheKernelsOwnExitAreNotNamed() {
        assertTrue(ExitCaller.callerOf(new StackTraceElement[] {frame("a.B", "c")}).isEmpty());
        assertTrue(ExitCaller.callerOf(new StackTraceElement[] {frame("java.lang.System", "exit"),
                frame(Main.class.getName(), "main")}).isEmpty());
    }
}

package io.switchboard.kernel;

import java.util.Map;
import java.util.Optional;

/**
 * Who called {@code System.exit}, seen from a shutdown hook: the frame below the JDK's exit frames on the thread that
 * is exiting. A bundle's exit cannot be stopped on Java 17+ (the deployer refuses jars that call it directly); this
 * at least names the caller in the log, so an operator knows which bundle to remove.
 */
final class ExitCaller {

    private ExitCaller() {
    }

    /** The calling frame, e.g. {@code com.example.Activator.start(Activator.java:12)}, when a thread is exiting. */
    static Optional<String> find(Map<Thread, StackTraceElement[]> stacks) {
        for (Map.Entry<Thread, StackTraceElement[]> e : stacks.entrySet()) {
            Optional<String> caller = callerOf(e.getValue());
            if (caller.isPresent()) {
                return Optional.of(caller.get() + " (thread '" + e.getKey().getName() + "')");
            }
        }
        return Optional.empty();
    }

    static Optional<String> callerOf(StackTraceElement[] stack) {
        int last = -1;
        for (int i = 0; i < stack.length; i++) {
            String c = stack[i].getClassName();
            if (c.equals("java.lang.Shutdown") || ((c.equals("java.lang.Runtime") || c.equals("java.lang.System"))
                    && stack[i].getMethodName().equals("exit"))) {
                last = i;
            }
        }
        int below = last + 1;
        // an exit called by reflection: the caller is below the reflection frames
        while (last >= 0 && below < stack.length && (stack[below].getClassName().startsWith("jdk.internal.reflect.")
                || stack[below].getClassName().startsWith("java.lang.reflect.")
                || stack[below].getClassName().startsWith("java.lang.invoke."))) {
            below++;
        }
        if (last < 0 || below >= stack.length) {
            return Optional.empty();
        }
        StackTraceElement caller = stack[below];
        return caller.getClassName().equals(Main.class.getName()) ? Optional.empty() : Optional.of(caller.toString());
    }
}

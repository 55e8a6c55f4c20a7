package io.switchboard.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Who called {@code System.exit}, seen from a shutdown hook: the frame below the JDK's exit frames on the thread that
 * is exiting. A bundle's exit cannot be stopped on Java 17+ (the deployer refuses jars that call it directly); this
 * names the caller in the log, so an operator knows which bundle to remove, and leaves its class name in
 * {@value #FILE} under the data folder: at the next boot the deployer refuses the jar of {@code deploy/} that holds
 * that class, so an exit from any thread of a bundle ends the platform once, not at every boot.
 */
final class ExitCaller {

    /** Read (and removed) by the deployer at its start; the two sides agree on this name. */
    static final String FILE = "deployer/exit.caller";

    /** The class that called the exit, and its frame with the thread, for the log. */
    record Caller(String className, String description) {
    }

    private ExitCaller() {
    }

    /** The calling frame, e.g. {@code com.example.Activator.start(Activator.java:12)}, when a thread is exiting. */
    static Optional<Caller> find(Map<Thread, StackTraceElement[]> stacks) {
        for (Map.Entry<Thread, StackTraceElement[]> e : stacks.entrySet()) {
            Optional<StackTraceElement> caller = callerOf(e.getValue());
            if (caller.isPresent()) {
                return Optional.of(new Caller(caller.get().getClassName(),
                        caller.get() + " (thread '" + e.getKey().getName() + "')"));
            }
        }
        return Optional.empty();
    }

    /** Writes the caller's class name to {@value #FILE} under {@code data}, for the deployer's next start. */
    static void remember(Caller caller, Path data) throws IOException {
        Path file = data.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, caller.className() + "\n");
    }

    static Optional<StackTraceElement> callerOf(StackTraceElement[] stack) {
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
        return caller.getClassName().equals(Main.class.getName()) ? Optional.empty() : Optional.of(caller);
    }
}

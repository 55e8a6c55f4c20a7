package io.switchboard.bridge.exec.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a program: the body written to its stdin on a thread of its own (then closed), stdout and stderr drained
 * at once on two more, so that no pipe fills up and blocks it, whatever order it writes in. The run ends when the
 * program exited and both pipes reached their end; after {@code timeout}, or as soon as stdout passes
 * {@code maxOutput}, the whole process tree is stopped (TERM, KILL after {@code grace}). Whatever the program started
 * and left running is stopped too: a run leaves no process behind.
 */
final class Run {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    /** How often the tree is looked at while the program runs, to know its children even after they are orphaned. */
    private static final long LOOK_EVERY_MILLIS = 100;

    private final ExecSettings settings;
    private final Executor threads;
    private final Set<ProcessTree> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /** @param threads runs the three pipe threads of each run; it must not limit their number */
    Run(ExecSettings settings, Executor threads) {
        this.settings = settings;
        this.threads = threads;
    }

    /**
     * @param argv the program (a path) and its arguments
     * @throws IOException when the program cannot be started at all (gone, not executable)
     */
    RunResult run(List<String> argv, Map<String, String> environment, byte[] input)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(settings.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Process process = builder.start();
        ProcessTree tree = new ProcessTree(process.toHandle());
        running.add(tree);
        CompletableFuture<Void> overflow = new CompletableFuture<>();
        Capture out = Capture.head(process.getInputStream(), settings.maxOutput(), () -> overflow.complete(null));
        Capture err = Capture.tail(process.getErrorStream(), settings.maxError());
        CompletableFuture<Void> drained = CompletableFuture.allOf(CompletableFuture.runAsync(out, threads),
                CompletableFuture.runAsync(err, threads));
        CompletableFuture.runAsync(() -> feed(process.getOutputStream(), input), threads);
        try {
            boolean ended = await(CompletableFuture.anyOf(drained.thenCombine(process.onExit(), (a, b) -> b),
                    overflow), deadline, tree);
            if (closing) {
                tree.stop(settings.grace());
                return RunResult.failed(ExitCodes.Meaning.TRANSIENT, -1, "the bridge exec~" + settings.instance()
                        + " stopped while the program ran");
            }
            if (overflow.isDone()) {
                tree.stop(settings.grace());
                awaitDrain(drained);
                return RunResult.failed(ExitCodes.Meaning.PERMANENT, -1, "output over maxOutput ("
                        + settings.maxOutput() + " bytes): stopped" + stderr(err, drained));
            }
            if (!ended) {
                String what = process.isAlive() ? "timeout after " + human(settings.timeout())
                        : "timeout after " + human(settings.timeout()) + ": the program exited "
                                + process.exitValue() + " but processes it started kept its output open";
                int killed = tree.stop(settings.grace());
                awaitDrain(drained);
                return RunResult.failed(ExitCodes.Meaning.TRANSIENT, -1, what + ": stopped"
                        + (killed > 0 ? " (" + killed + " needed KILL after " + human(settings.grace()) + ")" : "")
                        + stderr(err, drained));
            }
            int code = process.exitValue();
            ExitCodes.Meaning meaning = settings.exitCodes().of(code);
            return meaning == ExitCodes.Meaning.OK ? RunResult.ok(code, out.kept())
                    : RunResult.failed(meaning, code, "exit " + code + stderr(err, drained));
        } finally {
            running.remove(tree);
            if (!tree.alive().isEmpty()) {
                LOG.debug("Bridge exec~{}: stopping what {} left running", settings.instance(), argv.get(0));
                tree.stop(settings.grace());
            }
        }
    }

    /**
     * Stops the programs running now, each with its whole tree (the JVM does not stop its child processes when it
     * exits); their attempts fail transiently, to be tried again when the bridge is back.
     */
    void close() throws InterruptedException {
        closing = true;
        for (ProcessTree tree : running) {
            tree.stop(settings.grace());
        }
    }

    /** Waits for {@code done} until the deadline, looking at the tree meanwhile; false when the deadline passed. */
    private static boolean await(CompletableFuture<?> done, long deadline, ProcessTree tree)
            throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return done.isDone();
            }
            try {
                done.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(LOOK_EVERY_MILLIS)), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                tree.look();
            } catch (ExecutionException e) {
                return true; // the captures never throw; a failed exit future still means it ended
            }
        }
    }

    /** After a stop the pipes end with their writers; a process that cannot be stopped leaves its reader behind. */
    private void awaitDrain(CompletableFuture<Void> drained) throws InterruptedException {
        try {
            drained.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("Bridge exec~{}: a stopped program's output is still open; its reader is left behind",
                    settings.instance());
        }
    }

    private static void feed(OutputStream stdin, byte[] input) {
        try (stdin) {
            stdin.write(input);
        } catch (IOException e) {
            // the program exited or closed its stdin without reading everything: its exit code says what happened
        }
    }

    /** ": <the end of stderr>", or nothing when it wrote none (or it is not drained yet). */
    private static String stderr(Capture err, CompletableFuture<Void> drained) {
        if (!drained.isDone() || err.total() == 0) {
            return "";
        }
        String text = new String(err.kept(), StandardCharsets.UTF_8).strip();
        return err.truncated() ? ": …" + text + " [the last " + err.kept().length + " of " + err.total()
                + " bytes of stderr]" : ": " + text;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}

package io.switchboard.bridge.exec.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.dispatch.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured program for one message, at most {@code concurrency} runs at once, and counts what happened
 * on the bridge instance: {@code out} when the program took a message (its exit code meant ok), {@code in} when it
 * answered with a reply, {@code failure} with the reason otherwise. Shared by the dispatch handler and the sink.
 */
final class ExecEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ExecEndpoint.class);

    private final ExecSettings settings;
    private final Program program;
    private final Environment environment;
    private final Run run;
    private final Semaphore permits;
    private final BridgeInstance instance;
    private final Consumer<String> programLost;

    /**
     * @param threads the pipe threads of the runs (three per run; it must not limit them)
     * @param programLost told why, when the program turns out not to be there any more
     */
    ExecEndpoint(ExecSettings settings, Program program, Environment environment, Executor threads,
            BridgeInstance instance, Consumer<String> programLost) {
        this.settings = settings;
        this.program = program;
        this.environment = environment;
        this.run = new Run(settings, threads);
        this.permits = new Semaphore(settings.concurrency(), true);
        this.instance = instance;
        this.programLost = programLost;
    }

    ExecSettings settings() {
        return settings;
    }

    /** One run for {@code message}; never throws for what the program does, only when interrupted. */
    RunResult call(Message message) throws InterruptedException {
        permits.acquire();
        try {
            RunResult result = attempt(message);
            if (result.ok()) {
                instance.out();
            } else {
                instance.failure(result.reason());
                LOG.warn("Bridge exec~{}: message {} of type {} failed ({}): {}", settings.instance(), message.id(),
                        message.type(), result.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        abbreviate(result.reason()));
            }
            return result;
        } finally {
            permits.release();
        }
    }

    private RunResult attempt(Message message) throws InterruptedException {
        Path executable = program.find().orElse(null);
        if (executable == null) {
            return lost(program.problem().orElse("program " + program.name() + " is not found"));
        }
        List<String> argv = new ArrayList<>(settings.argv());
        argv.set(0, executable.toString());
        try {
            return run.run(argv, environment.of(message), message.bodyBytes());
        } catch (IllegalArgumentException e) {
            // ProcessBuilder refuses an environment value with a NUL character: that header can never be passed
            return RunResult.failed(ExitCodes.Meaning.PERMANENT, -1,
                    "a header cannot be passed as an environment variable: " + e.getMessage());
        } catch (IOException e) {
            String missing = program.problem().orElse(null);
            // a file that is there and executable but does not start (a bad #! line): each attempt may be retried,
            // the bridge stays; one that is gone stops the bridge until it is back
            return missing != null ? lost(missing) : RunResult.failed(ExitCodes.Meaning.TRANSIENT, -1,
                    "program " + executable + " cannot be started: " + e.getMessage());
        }
    }

    /** The program is gone: this attempt is retried, and the bridge stops taking messages until it is back. */
    private RunResult lost(String reason) {
        programLost.accept(reason);
        return RunResult.failed(ExitCodes.Meaning.TRANSIENT, -1, reason);
    }

    /** Stops the runs in progress (see {@link Run#close}). */
    void close() throws InterruptedException {
        run.close();
    }

    private static String abbreviate(String reason) {
        String oneLine = reason.replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}

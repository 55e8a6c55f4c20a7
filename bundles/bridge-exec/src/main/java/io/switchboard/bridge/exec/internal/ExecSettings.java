package io.switchboard.bridge.exec.internal;

import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One exec configuration, checked: every problem is an {@link IllegalArgumentException} whose message starts with the
 * setting's name, which the deployer shows against the .cfg file.
 *
 * @param argv the command split into words; with {@code shell}, {@code /bin/sh -c <command>}
 */
record ExecSettings(String instance, String type, List<String> operations, String command, boolean shell,
        List<String> argv, Path directory, List<String> environment, Duration timeout, Duration grace,
        int concurrency, long maxOutput, long maxError, ExitCodes exitCodes, String contentType, boolean required) {

    /** The longest output kept in memory at once: a reply goes over the broker as one message. */
    static final long MAX_OUTPUT_LIMIT = 512L * 1024 * 1024;

    static ExecSettings parse(String instance, ExecConfiguration c, Path home) {
        String type = c.type() == null ? "" : c.type().trim();
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type: name the message type the program handles (e.g. quote.price)");
        }
        if (!Message.isValidType(type)) {
            throw new IllegalArgumentException("type: " + Message.typeProblem(type));
        }
        String command = c.command() == null ? "" : c.command().trim();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command: name the program to run (and its arguments)");
        }
        List<String> argv = c.shell() ? List.of("/bin/sh", "-c", command) : CommandLine.split(command);
        Duration timeout = positive("timeout", c.timeout());
        Duration grace = Durations.parse("grace", c.grace());
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace: must not be negative");
        }
        if (c.concurrency() < 1) {
            throw new IllegalArgumentException("concurrency: at least 1 (was " + c.concurrency() + ")");
        }
        if (c.maxOutput() < 0 || c.maxOutput() > MAX_OUTPUT_LIMIT) {
            throw new IllegalArgumentException("maxOutput: between 0 and " + MAX_OUTPUT_LIMIT + " bytes (was "
                    + c.maxOutput() + ")");
        }
        if (c.maxError() < 0 || c.maxError() > MAX_OUTPUT_LIMIT) {
            throw new IllegalArgumentException("maxError: between 0 and " + MAX_OUTPUT_LIMIT + " bytes (was "
                    + c.maxError() + ")");
        }
        List<String> environment = list(c.environment());
        for (String name : environment) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("environment: '" + name + "' is not a variable name");
            }
        }
        return new ExecSettings(instance, type, list(c.operations()), command, c.shell(), argv,
                directory(c.directory(), home), environment, timeout, grace, c.concurrency(), c.maxOutput(),
                c.maxError(), ExitCodes.parse(c.exitCodes() == null ? List.of() : Arrays.asList(c.exitCodes())),
                c.contentType() == null ? "" : c.contentType().trim(), c.required());
    }

    /** How long the dispatcher gives one message: the run, its stop and a margin for starting and replying. */
    Duration handlerTimeout() {
        return timeout.plus(grace).plusSeconds(2);
    }

    private static Duration positive(String setting, String value) {
        Duration d = Durations.parse(setting, value);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(setting + ": must be longer than 0 (was " + value + ")");
        }
        return d;
    }

    private static Path directory(String value, Path home) {
        if (value == null || value.isBlank()) {
            return home;
        }
        try {
            return home.resolve(value.trim()).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("directory: '" + value + "' is not a path");
        }
    }

    /** A .cfg gives one string "a, b"; a typed .config or the console a list: either way the trimmed names. */
    static List<String> list(String[] values) {
        List<String> names = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        names.add(part.trim());
                    }
                }
            }
        }
        return List.copyOf(names);
    }
}

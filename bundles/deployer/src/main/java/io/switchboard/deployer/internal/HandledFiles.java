package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.DeployHandler;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.TimeLimit;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The files that {@link DeployHandler} services take (route files and whatever later bundles add): each goes to the
 * handler whose suffix its name ends with, the longest suffix first; the outcome goes to the deployment log. A
 * handler that refuses a file keeps the earlier version running, so the status then names that too. A handler's file
 * may be as large as its {@link DeployHandler#MAX_SIZE} says; each call runs under the deploy time limit.
 */
final class HandledFiles {

    /** A registered handler, what it takes, and how large (null: the deployer's default). */
    record Registered(DeployHandler handler, List<String> suffixes, String kind, Long maxBytes) {
    }

    private final DeploymentLog log;
    private final TimeLimit timeLimit;
    private final List<Registered> handlers = new CopyOnWriteArrayList<>();

    HandledFiles(DeploymentLog log, TimeLimit timeLimit) {
        this.log = log;
        this.timeLimit = timeLimit;
    }

    static Registered registered(DeployHandler handler, Map<String, Object> properties) {
        Object suffix = properties.get(DeployHandler.SUFFIX);
        List<String> suffixes = suffix instanceof String[] many ? List.of(many)
                : suffix instanceof String one ? List.of(one) : List.of();
        Object kind = properties.get(DeployHandler.KIND);
        Object max = properties.get(DeployHandler.MAX_SIZE);
        Long maxBytes = max instanceof Number n && n.longValue() > 0 ? Long.valueOf(n.longValue()) : null;
        return new Registered(handler, suffixes, kind instanceof String k ? k : "file", maxBytes);
    }

    void add(Registered r) {
        handlers.add(r);
    }

    void remove(DeployHandler handler) {
        handlers.removeIf(r -> r.handler() == handler);
    }

    /** The handler for a file of this name, if one is registered. */
    Optional<Registered> handlerFor(String fileName) {
        Registered best = null;
        int bestLength = 0;
        for (Registered r : handlers) {
            for (String s : r.suffixes()) {
                if (fileName.endsWith(s) && s.length() > bestLength) {
                    best = r;
                    bestLength = s.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The suffixes handlers take, for the message about a file nobody takes. */
    List<String> suffixes() {
        return handlers.stream().flatMap(r -> r.suffixes().stream()).sorted().toList();
    }

    void deploy(Registered r, File file, String name) {
        try {
            String target = timeLimit.call("the " + r.kind() + " handler's deploy of " + name,
                    () -> r.handler().deploy(file.toPath()));
            log.deployed(name, r.kind(), target);
        } catch (Exception e) {
            Deployment before = log.get(name);
            String running = before == null ? null : before.target();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.failed(name, r.kind(), reason + (running == null ? "" : "; the version deployed before keeps running"),
                    running);
        }
    }

    /** Undeployed only when the handler says so; a failure keeps the status, FAILED with what still runs. */
    void undeploy(Registered r, File file, String name) {
        try {
            timeLimit.call("the " + r.kind() + " handler's undeploy of " + name, () -> {
                r.handler().undeploy(file.toPath());
                return null;
            });
        } catch (Exception e) {
            Deployment before = log.get(name);
            log.failed(name, r.kind(), "undeploy failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()),
                    before == null ? null : before.target());
            return;
        }
        log.removed(name, r.kind() + " undeployed");
    }

    /** The files of {@code dir} that {@code r} takes, for a handler that arrives after its files. */
    static List<File> takenBy(Registered r, Path dir) {
        File[] files = dir.toFile().listFiles();
        if (files == null) {
            return List.of();
        }
        return java.util.Arrays.stream(files).filter(f -> r.suffixes().stream().anyMatch(s -> f.getName().endsWith(s)))
                .sorted().toList();
    }
}

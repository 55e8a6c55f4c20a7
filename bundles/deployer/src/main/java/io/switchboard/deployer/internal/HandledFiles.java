package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.DeployHandler;
import io.switchboard.kernel.api.Deployment;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The files that {@link DeployHandler} services take (route files and whatever later bundles add): each goes to the
 * handler whose suffix its name ends with, the longest suffix first; the outcome goes to the deployment log. A
 * handler that refuses a file keeps the earlier version running, so the status then names that too.
 */
final class HandledFiles {

    /** A registered handler and what it takes. */
    record Registered(DeployHandler handler, List<String> suffixes, String kind) {
    }

    private final DeploymentLog log;
    private final List<Registered> handlers = new CopyOnWriteArrayList<>();

    HandledFiles(DeploymentLog log) {
        this.log = log;
    }

    static Registered registered(DeployHandler handler, Map<String, Object> properties) {
        Object suffix = properties.get(DeployHandler.SUFFIX);
        List<String> suffixes = suffix instanceof String[] many ? List.of(many)
                : suffix instanceof String one ? List.of(one) : List.of();
        Object kind = properties.get(DeployHandler.KIND);
        return new Registered(handler, suffixes, kind instanceof String k ? k : "file");
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
            String target = r.handler().deploy(file.toPath());
            log.deployed(name, r.kind(), target);
        } catch (Exception e) {
            Deployment before = log.get(name);
            String running = before == null ? null : before.target();
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.failed(name, r.kind(), reason + (running == null ? "" : "; the version deployed before keeps running"),
                    running);
        }
    }

    void undeploy(Registered r, File file, String name) {
        try {
            r.handler().undeploy(file.toPath());
        } finally {
            log.removed(name, r.kind() + " undeployed");
        }
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

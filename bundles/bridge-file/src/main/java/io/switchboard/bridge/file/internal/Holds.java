package io.switchboard.bridge.file.internal;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files in {@code .inprogress/} folders that a poller of this bundle holds. Between processes a claimed file is
 * marked by an operating-system lock on it ({@link Claim}); inside one process such a lock says nothing (and closing
 * any other channel on the file would drop it), so the pollers of this bundle, which may share a folder, look here
 * first and never touch a file another of them holds. Thread-safe.
 */
final class Holds {

    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    /** True when the caller now holds the file; false when a poller holds it already. */
    boolean take(Path inProgress) {
        return held.add(inProgress);
    }

    void release(Path inProgress) {
        held.remove(inProgress);
    }
}

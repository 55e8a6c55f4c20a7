package io.switchboard.bridge.file.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * When a file in the folder is complete. With a done-file: when its done-file exists. Otherwise when its size and its
 * modification time have both stayed the same for {@code stableFor}, measured on this poller's own clock from the
 * poll that first saw them so: a writer that appends slowly and sets an old modification time after every write
 * (a copy that preserves times) changes the size, and waits again. Camel's read-lock options are where that bug
 * lived; here readiness decides nothing but when to try the one atomic claim. Used by one poll thread.
 */
final class Readiness {

    private record Seen(long size, long modified, long since) {
    }

    private final Duration stableFor;
    private final DoneFiles doneFiles;
    private final LongSupplier nanos;
    private final Map<String, Seen> seen = new HashMap<>();

    /**
     * @param nanos the clock, {@link System#nanoTime} but in tests
     */
    Readiness(Duration stableFor, DoneFiles doneFiles, LongSupplier nanos) {
        this.stableFor = stableFor;
        this.doneFiles = doneFiles;
        this.nanos = nanos;
    }

    /** Whether the file {@code name} in {@code folder}, as listed now, may be taken. */
    boolean ready(Path folder, String name, long size, long modified) {
        if (doneFiles != null) {
            return Files.exists(folder.resolve(doneFiles.doneFileOf(name)));
        }
        long now = nanos.getAsLong();
        Seen before = seen.get(name);
        if (before == null || before.size != size || before.modified != modified) {
            seen.put(name, new Seen(size, modified, now));
            return stableFor.isZero();
        }
        return now - before.since >= stableFor.toNanos();
    }

    /** Forgets a file once it is taken or gone. */
    void forget(String name) {
        seen.remove(name);
    }

    /** Forgets every file not listed in the last poll. */
    void retainOnly(Set<String> listed) {
        seen.keySet().retainAll(listed);
    }
}

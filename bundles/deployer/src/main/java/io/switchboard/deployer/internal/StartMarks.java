package io.switchboard.deployer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A mark on disk while a bundle from {@code deploy/} is starting, under {@code data/deployer/}: one left behind at
 * the next boot means the platform ended while that bundle's activator ran (an exit reached by reflection, which
 * {@link ExitCalls} cannot see, or a crash), so that version is not started again by itself. Replacing the file (or
 * removing and adding it) clears the mark.
 */
final class StartMarks {

    private final Path store;

    StartMarks(Path store) {
        this.store = store;
    }

    /** Marks {@code fileName}'s version {@code checksum} as starting. */
    void starting(String fileName, String checksum) {
        try {
            Files.createDirectories(store);
            Files.writeString(mark(fileName), checksum);
        } catch (IOException e) {
            // without the mark a crash in this start is not recognised next time; the start itself goes on
        }
    }

    /** The start returned (or failed, or timed out): the platform survived it, unless the JVM is exiting now. */
    void done(String fileName) {
        if (jvmExiting()) {
            return; // an exit from the activator reaches here too, as its shutdown stops the deployer
        }
        try {
            Files.deleteIfExists(mark(fileName));
        } catch (IOException e) {
            // a stale mark refuses this version at the next boot, with the reason said; replacing the file clears it
        }
    }

    /** True when the platform ended while this very version was starting. */
    boolean endedThePlatform(String fileName, String checksum) {
        try {
            return checksum.equals(Files.readString(mark(fileName)).trim());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean jvmExiting() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true; // hooks can no longer be added once shutdown has begun
        }
    }

    private Path mark(String fileName) {
        return store.resolve(fileName + ".starting");
    }
}

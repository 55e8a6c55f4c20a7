package io.switchboard.deployer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks on disk, under {@code data/deployer/}, for the versions of deploy jars that ended the platform, so that they
 * end it once and not at every boot. A mark is set while a bundle starts and removed when the start returns: one left
 * at the next boot means the platform ended during that start (an exit reached by reflection, which {@link ExitCalls}
 * cannot see, a halt, a crash). A mark is also set at boot for the jar that holds the class the kernel found calling
 * {@code System.exit} ({@value #EXIT_CALLER}, written by the kernel's shutdown hook): an exit from any thread of the
 * bundle, at any time. Replacing the file (another version) or removing and re-adding it clears the mark.
 */
final class StartMarks {

    /** Written by the kernel's shutdown hook: the class that called {@code System.exit}. */
    static final String EXIT_CALLER = "exit.caller";

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.deployer");
    private static final String STARTING = "the platform ended while this version was starting (an exit or a crash in "
            + "its activator)";

    private final Path store;

    StartMarks(Path store) {
        this.store = store;
    }

    /** Marks {@code fileName}'s version {@code checksum} as starting. */
    void starting(String fileName, String checksum) {
        write(fileName, checksum + "\n" + STARTING);
    }

    /** Marks {@code fileName}'s version {@code checksum} as the one that ended the platform, for {@code reason}. */
    void blame(String fileName, String checksum, String reason) {
        write(fileName, checksum + "\n" + reason);
    }

    /** The start returned (or failed, or timed out): the platform survived it, unless the JVM is exiting now. */
    void done(String fileName) {
        if (jvmExiting()) {
            return; // an exit from the activator reaches here too, as its shutdown stops the deployer
        }
        clear(fileName);
    }

    /** The file was removed: a version added again later is tried again. */
    void clear(String fileName) {
        try {
            Files.deleteIfExists(mark(fileName));
        } catch (IOException e) {
            LOG.warn("Cannot remove the start mark {} ({}): the same version stays refused at the next boot",
                    mark(fileName), e.getMessage());
        }
    }

    /** @return why this very version ended the platform (its refusal), or null when it did not */
    String endedThePlatform(String fileName, String checksum) {
        List<String> lines;
        try {
            lines = Files.readAllLines(mark(fileName));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("Cannot read the start mark {}: {}", mark(fileName), e.getMessage());
            return null;
        }
        if (lines.isEmpty() || !checksum.equals(lines.get(0).trim())) {
            return null;
        }
        return lines.size() > 1 ? lines.get(1) : STARTING;
    }

    /** True when the mark left for this version says it was starting (not merely running) when the platform ended. */
    boolean endedWhileStarting(String fileName, String checksum) {
        return STARTING.equals(endedThePlatform(fileName, checksum));
    }

    /** The class the kernel saw calling {@code System.exit} before this boot, or null; read once, then removed. */
    String takeExitCaller() {
        Path file = store.resolve(EXIT_CALLER);
        try {
            String caller = Files.readString(file).trim();
            Files.delete(file);
            return caller.isEmpty() ? null : caller;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}): the jar whose class called System.exit is not recognised", file,
                    e.getMessage());
            return null;
        }
    }

    private void write(String fileName, String content) {
        try {
            Files.createDirectories(store);
            Files.writeString(mark(fileName), content + "\n");
        } catch (IOException e) {
            LOG.warn("Cannot write the start mark {} ({}): should this version end the platform, it is started "
                    + "again at the next boot", mark(fileName), e.getMessage());
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

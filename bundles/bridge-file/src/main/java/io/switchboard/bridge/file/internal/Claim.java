package io.switchboard.bridge.file.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * One file a poller took: moved by one atomic rename from the folder into {@code .inprogress/} (of two pollers, or
 * two nodes, the rename lets exactly one succeed), and held there until it is moved on to {@code done/} or
 * {@code error/}, or deleted. While held it carries an exclusive operating-system lock, taken before the rename: a
 * poller that starts (after a crash) re-offers a file in {@code .inprogress/} only when it can lock it, so it never
 * takes a file a living poller of another process is working on. The id of the file is its name, size and
 * modification time, unchanged by the rename: a file offered again after a crash carries the id it had.
 */
final class Claim implements AutoCloseable {

    static final String IN_PROGRESS = ".inprogress";
    static final String DONE = "done";
    static final String ERROR = "error";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS")
            .withZone(ZoneId.systemDefault());

    private final Path path;
    private final Holds holds;
    private final FileChannel channel;
    private final String unreadable;
    private final long size;
    private final long modified;
    private int failures;
    private long linesRouted;

    private Claim(Path path, Holds holds, FileChannel channel, String unreadable) throws IOException {
        this.path = path;
        this.holds = holds;
        this.channel = channel;
        this.unreadable = unreadable;
        this.size = Files.size(path);
        this.modified = Files.getLastModifiedTime(path).toMillis();
    }

    /**
     * Takes {@code name} from {@code folder} into its {@code .inprogress/}.
     *
     * @return the claim, or null when another poller (here or in another process) took the file or holds a file of
     *     that name in progress
     */
    static Claim take(Path folder, String name, Holds holds) throws IOException {
        Path target = folder.resolve(IN_PROGRESS).resolve(name);
        if (!holds.take(target)) {
            return null;
        }
        FileChannel channel = null;
        try {
            if (Files.exists(target)) {
                holds.release(target); // left by a poller that died: offered as such first, then this one
                return null;
            }
            Path source = folder.resolve(name);
            String unreadable = null;
            try {
                channel = lock(source);
                if (channel == null) {
                    holds.release(target);
                    return null;
                }
            } catch (AccessDeniedException e) {
                unreadable = "the file cannot be read: permission denied";
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return new Claim(target, holds, channel, unreadable);
        } catch (NoSuchFileException lost) {
            close(channel);
            holds.release(target);
            return null;
        } catch (IOException | RuntimeException e) {
            close(channel);
            holds.release(target);
            throw e;
        }
    }

    /** Takes a file left in {@code .inprogress/}; null when a poller holds it (here, or alive in another process). */
    static Claim recover(Path inProgress, Holds holds) throws IOException {
        if (!holds.take(inProgress)) {
            return null;
        }
        FileChannel channel = null;
        try {
            String unreadable = null;
            try {
                channel = lock(inProgress);
                if (channel == null) {
                    holds.release(inProgress);
                    return null;
                }
            } catch (AccessDeniedException e) {
                unreadable = "the file cannot be read: permission denied";
            }
            return new Claim(inProgress, holds, channel, unreadable);
        } catch (NoSuchFileException gone) {
            close(channel);
            holds.release(inProgress);
            return null;
        } catch (IOException | RuntimeException e) {
            close(channel);
            holds.release(inProgress);
            throw e;
        }
    }

    /**
     * A channel on the file holding its lock, or null when another process holds one: exclusive, or shared on a file
     * this process may only read (such a file is taken all the same; only its lock is weaker).
     *
     * @throws AccessDeniedException when the file cannot even be read
     */
    private static FileChannel lock(Path file) throws IOException {
        FileChannel c;
        boolean shared = false;
        try {
            c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException readOnly) {
            c = FileChannel.open(file, StandardOpenOption.READ);
            shared = true;
        }
        try {
            FileLock lock = c.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return c;
            }
        } catch (OverlappingFileLockException | IOException e) {
            // held in this process by a channel Holds does not know of: treat it as held
        }
        c.close();
        return null;
    }

    String name() {
        return path.getFileName().toString();
    }

    long size() {
        return size;
    }

    long modified() {
        return modified;
    }

    /** The file's stable id: a name-based UUID of its name, size and modification time. */
    String id() {
        return UUID.nameUUIDFromBytes((name() + "\u0000" + size + "\u0000" + modified)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Why the file cannot be read at all, or null. */
    String unreadable() {
        return unreadable;
    }

    /** The file's bytes from the start; closing the stream leaves the claim (and its lock) as it is. */
    InputStream open() throws IOException {
        if (channel == null) {
            return Files.newInputStream(path);
        }
        channel.position(0);
        return new FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
                // the channel holds the claim's lock: it closes with the claim
            }
        };
    }

    /** One more failed attempt; returns how many there were. */
    int failed() {
        return ++failures;
    }

    int failures() {
        return failures;
    }

    /** How many lines of a split file were routed (a file offered again goes on after them). */
    long linesRouted() {
        return linesRouted;
    }

    void linesRouted(long lines) {
        linesRouted = lines;
    }

    /** Routed: the file moves to {@code done/} under a timestamped name that never replaces a file, or is deleted. */
    Path done(boolean delete, Instant at) throws IOException {
        try {
            if (delete) {
                Files.delete(path);
                return null;
            }
            String stamp = STAMP.format(at);
            return moveAside(path.getParent().resolveSibling(DONE),
                    n -> stamp + (n == 0 ? "" : "-" + n) + "-" + name());
        } finally {
            close();
        }
    }

    /** The file moves to {@code error/<name>} (timestamped when taken) with {@code <name>.error.txt} saying why. */
    Path error(String report, Instant at) throws IOException {
        try {
            Path errors = path.getParent().resolveSibling(ERROR);
            Files.createDirectories(errors);
            String stamp = STAMP.format(at);
            Path moved = moveAside(errors, n -> n == 0 ? name() : stamp + (n == 1 ? "" : "-" + n) + "-" + name());
            Path reason = errors.resolve(moved.getFileName() + ".error.txt");
            Path tmp = errors.resolve("." + reason.getFileName() + ".tmp");
            Files.writeString(tmp, report, StandardCharsets.UTF_8);
            Files.move(tmp, reason, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return moved;
        } finally {
            close();
        }
    }

    /** Moves the file into {@code folder} under the first of the names 0, 1, 2... that is free. */
    private Path moveAside(Path folder, IntFunction<String> names) throws IOException {
        Files.createDirectories(folder);
        for (int n = 0; ; n++) {
            Path target = folder.resolve(names.apply(n));
            try {
                // without REPLACE_EXISTING a move refuses an existing target: a name is never overwritten
                return Files.move(path, target);
            } catch (FileAlreadyExistsException taken) {
                if (n > 1000) {
                    throw taken;
                }
            }
        }
    }

    /** Lets the file go, left where it is ({@code .inprogress/} or moved on): its lock and hold are released. */
    @Override
    public void close() {
        close(channel);
        holds.release(path);
    }

    private static void close(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing releases the lock; nothing more to do
            }
        }
    }
}

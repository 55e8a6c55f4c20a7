package io.switchboard.bridge.file.internal;

import io.switchboard.routing.PermanentFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files under a root folder so that a reader never sees half of one: the bytes go to {@code .<name>.tmp}
 * beside the target, are forced to disk, and the file appears by one atomic step (a rename replacing the old file
 * with {@code override}; a hard link, which refuses an existing name, with {@code fail} and {@code unique}); then the
 * folder's entry is forced too. A name that leads out of the root ({@code ..}, an absolute name, a symbolic link
 * pointing out) is refused for good ({@link PermanentFailure}); an I/O error (a full disk, a permission) is an
 * {@link IOException}, worth another try. Writes to one target are serialized in this process.
 */
final class FolderWriter {

    private final Path root;
    private final FileExist fileExist;
    private final Object[] stripes = new Object[64];

    FolderWriter(Path root, FileExist fileExist) {
        this.root = root;
        this.fileExist = fileExist;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    Path root() {
        return root;
    }

    /**
     * Writes {@code body} as {@code name} under the root.
     *
     * @return the file written
     * @throws PermanentFailure when the name leads out of the root, or the file exists with {@code fileExist = fail}
     */
    Path write(String name, byte[] body) throws PermanentFailure, IOException {
        Path target = confined(name);
        Files.createDirectories(root);
        Path parent = target.getParent();
        Path rootReal = root.toRealPath();
        Path existing = parent;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!existing.toRealPath().startsWith(rootReal)) {
            throw new PermanentFailure("file name '" + name + "' leads out of " + root + " through a symbolic link");
        }
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(rootReal)) {
            throw new PermanentFailure("file name '" + name + "' leads out of " + root + " through a symbolic link");
        }
        if (Files.isSymbolicLink(target)) {
            throw new PermanentFailure("file name '" + name + "' is a symbolic link under " + root);
        }
        synchronized (stripes[Math.floorMod(target.hashCode(), stripes.length)]) {
            Path written = switch (fileExist) {
                case OVERRIDE -> replace(target, body);
                case APPEND -> Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? append(target, body)
                        : create(target, body, FileExist.APPEND);
                case FAIL, UNIQUE -> create(target, body, fileExist);
            };
            force(parent);
            return written;
        }
    }

    /** The target of a relative name, refused when it is absolute or leads out of the root. */
    private Path confined(String name) throws PermanentFailure {
        Path relative;
        try {
            relative = Path.of(name);
        } catch (InvalidPathException e) {
            throw new PermanentFailure("file name '" + name + "' is not a path: " + e.getReason());
        }
        if (name.isBlank() || relative.isAbsolute() || name.startsWith("/") || name.startsWith("\\")) {
            throw new PermanentFailure("file name '" + name + "' must be relative to " + root);
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new PermanentFailure("file name '" + name + "' leads out of " + root);
        }
        return target;
    }

    private Path replace(Path target, byte[] body) throws IOException {
        Path tmp = temporary(target, body);
        try {
            return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Creates the file under its name, or (unique) the first free one of name-1.ext, name-2.ext, ... */
    private Path create(Path target, byte[] body, FileExist mode) throws IOException, PermanentFailure {
        Path tmp = temporary(target, body);
        try {
            for (int n = 0; ; n++) {
                Path candidate = n == 0 ? target : numbered(target, n);
                try {
                    link(tmp, candidate);
                    return candidate;
                } catch (FileAlreadyExistsException exists) {
                    switch (mode) {
                        case APPEND -> {
                            return append(target, body); // created meanwhile by another writer
                        }
                        case FAIL -> {
                            if (Files.mismatch(tmp, target) == -1) {
                                return target; // the same message again: written already
                            }
                            throw new PermanentFailure("file " + root.relativize(target) + " exists in " + root
                                    + " (fileExist = fail)");
                        }
                        default -> {
                            if (n > 100_000) {
                                throw exists;
                            }
                        }
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes {@code tmp} appear as {@code target} in one step that never replaces a file. */
    private static void link(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException noLinks) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            // a file system without hard links: a rename, which checks the name first (a short window)
            Files.move(tmp, target);
        }
    }

    private static Path append(Path target, byte[] body) throws IOException {
        try (FileChannel c = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            writeAll(c, body);
            c.force(true);
        }
        return target;
    }

    private static Path temporary(Path target, byte[] body) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAll(c, body);
            c.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    private static void writeAll(FileChannel c, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static Path numbered(Path target, int n) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return target.resolveSibling(dot <= 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot));
    }

    /** Forces the folder's entries to disk, so the rename survives a crash; not every system allows it. */
    private static void force(Path folder) {
        try (FileChannel c = FileChannel.open(folder, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the data itself is forced already
        }
    }
}

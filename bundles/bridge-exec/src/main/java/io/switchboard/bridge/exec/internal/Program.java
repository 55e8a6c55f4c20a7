package io.switchboard.bridge.exec.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The program a command names ({@code argv[0]}) and where it is found: a name without a slash is looked up on the
 * platform's {@code PATH}, as a shell would; a relative path is taken from the working directory. It may appear,
 * disappear or lose its execute bit while the platform runs, so {@link #problem} is asked again, not remembered.
 */
final class Program {

    private final String name;
    private final Path directory;
    private final String searchPath;

    /**
     * @param name {@code argv[0]}
     * @param directory the working directory relative paths start from
     * @param searchPath the platform's {@code PATH} (null or empty: only names with a slash can be found)
     */
    Program(String name, Path directory, String searchPath) {
        this.name = name;
        this.directory = directory;
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    String name() {
        return name;
    }

    /** The executable file, found now, or empty when there is none. */
    Optional<Path> find() {
        try {
            if (name.contains("/")) {
                Path p = directory.resolve(name).normalize();
                return runnable(p) ? Optional.of(p) : Optional.empty();
            }
            for (String dir : searchPath.split(File.pathSeparator)) {
                Path p = directory.resolve(dir.isEmpty() ? "." : dir).resolve(name).normalize();
                if (runnable(p)) {
                    return Optional.of(p);
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Why the program cannot be run now, for an operator; empty when it can. */
    Optional<String> problem() {
        if (!Files.isDirectory(directory)) {
            return Optional.of("directory " + directory + " does not exist");
        }
        if (find().isPresent()) {
            return Optional.empty();
        }
        if (!name.contains("/")) {
            return Optional.of("program " + name + " is not found on PATH (" + searchPath + ")");
        }
        Path p;
        try {
            p = directory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return Optional.of("program " + name + " is not a valid path");
        }
        if (!Files.exists(p)) {
            return Optional.of("program " + p + " does not exist");
        }
        if (Files.isDirectory(p)) {
            return Optional.of("program " + p + " is a directory");
        }
        return Optional.of("program " + p + " is not executable (chmod +x it)");
    }

    private static boolean runnable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    @Override
    public String toString() {
        return name;
    }
}

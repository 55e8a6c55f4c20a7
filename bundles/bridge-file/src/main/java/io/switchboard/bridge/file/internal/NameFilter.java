package io.switchboard.bridge.file.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * Which names in a folder are files to take: those the include glob matches and the exclude glob does not, never a
 * hidden name or one a writer is still busy with ({@code *.tmp}, {@code *.part}, {@code *~}: the names the deploy
 * folder ignores too), never a done-file.
 */
final class NameFilter {

    private final PathMatcher include;
    private final PathMatcher exclude;
    private final DoneFiles doneFiles;

    private NameFilter(PathMatcher include, PathMatcher exclude, DoneFiles doneFiles) {
        this.include = include;
        this.exclude = exclude;
        this.doneFiles = doneFiles;
    }

    /** @throws IllegalArgumentException naming include or exclude when a glob does not parse */
    static NameFilter of(String include, String exclude, DoneFiles doneFiles) {
        return new NameFilter(glob("include", include == null || include.isBlank() ? "*" : include.trim()),
                exclude == null || exclude.isBlank() ? null : glob("exclude", exclude.trim()), doneFiles);
    }

    boolean accepts(String name) {
        if (ignored(name) || (doneFiles != null && doneFiles.isMarker(name))) {
            return false;
        }
        Path p = Path.of(name);
        return include.matches(p) && (exclude == null || !exclude.matches(p));
    }

    /** Hidden, or still being written by the convention of writing under a temporary name. */
    static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part") || name.endsWith("~");
    }

    private static PathMatcher glob(String setting, String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " = '" + glob + "' is not a glob: " + e.getMessage());
        }
    }
}

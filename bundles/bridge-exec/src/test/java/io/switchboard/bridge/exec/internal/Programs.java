package io.switchboard.bridge.exec.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Real programs for the tests: POSIX shell scripts written into a test's folder. */
final class Programs {

    /** The pipe threads of the tests' runs. */
    static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-exec-pipe");
        t.setDaemon(true);
        return t;
    });

    static final Map<String, String> PLATFORM = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8",
            "SECRET_PASSWORD", "never-passed", "ALLOWED", "passed");

    private Programs() {
    }

    /** An executable {@code #!/bin/sh} script of these lines. */
    static Path script(Path dir, String name, String... lines) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process is running (a zombie waiting to be reaped is not). */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessTree::running).orElse(false);
    }

    static List<Long> pids(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(s -> !s.isBlank()).map(s -> Long.parseLong(s.trim()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

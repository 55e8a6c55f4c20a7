package io.switchboard.http.internal;

import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.osgi.framework.BundleContext;

/**
 * The folders FileInstall watches ({@code felix.fileinstall.dir}, which the kernel sets to {@code config,deploy}),
 * and how the API writes into them: a hidden temporary file in the same folder renamed over the target, so the
 * watcher never reads half a file (the deployer ignores names starting with a dot).
 */
final class WatchedFolders {

    /** How long a request waits for FileInstall (polling every 100 ms by default) to apply what it wrote. */
    static final Duration APPLY_WAIT = Duration.ofSeconds(10);

    private final Path home;
    private final List<Path> watched;
    private final Path deploy;

    WatchedFolders(Path home, List<Path> watched) {
        this.home = home;
        this.watched = watched;
        // the operator's drop folder: the one named deploy, else the last (the kernel lists config/ first)
        this.deploy = watched.stream().filter(p -> p.getFileName().toString().equals("deploy")).findFirst()
                .orElse(watched.isEmpty() ? home.resolve("deploy") : watched.get(watched.size() - 1));
    }

    static WatchedFolders of(BundleContext context) {
        Path home = Path.of(context.getProperty("switchboard.home")).toAbsolutePath().normalize();
        String dirs = context.getProperty("felix.fileinstall.dir");
        List<Path> watched = dirs == null ? List.of(home.resolve("deploy"))
                : Arrays.stream(dirs.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> home.resolve(s).toAbsolutePath().normalize()).toList();
        return new WatchedFolders(home, watched);
    }

    Path home() {
        return home;
    }

    Path deploy() {
        return deploy;
    }

    /** True when FileInstall watches the folder the file is in (so writing the file applies it). */
    boolean isWatched(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && watched.contains(parent);
    }

    /** The name the deployer reports the file under ({@code deploy/x.cfg}). */
    String relative(Path file) {
        return home.relativize(file.toAbsolutePath().normalize()).toString();
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The deployer's failure for the file since the instant, or null. */
    Deployment failureSince(Deployments deployments, Path file, Instant since) {
        if (deployments == null) {
            return null;
        }
        String name = relative(file);
        return deployments.list().stream()
                .filter(d -> d.file().equals(name) && d.status() == Deployment.Status.FAILED
                        && !d.changed().isBefore(since))
                .findFirst().orElse(null);
    }

    /** Waits (polling) until the condition holds; false after {@link #APPLY_WAIT}. */
    static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}

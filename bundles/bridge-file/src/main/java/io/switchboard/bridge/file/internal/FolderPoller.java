package io.switchboard.bridge.file.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.routing.RouteSource.Receiver;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one folder for one file-in instance while a route takes its files, on a thread of its own. Each poll offers
 * first what is in {@code .inprogress/} and held by no poller (left by a crash), then the files whose failed attempt
 * is due again, then every new file that is {@link Readiness ready}, oldest first, each taken by its {@link Claim}
 * and handed to the route by {@link FileOffer}. A folder that is missing or not writable makes the instance
 * DISCONNECTED with the reason; the poller looks again after 1 s, doubling to 30 s.
 */
final class FolderPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderPoller.class);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private record Listed(Path path, String name, long size, long modified) {
    }

    private final FileInSettings settings;
    private final BridgeInstance instance;
    private final Holds holds;
    private final Readiness readiness;
    private final FileOffer offer;
    private final Path inProgress;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    private Duration wait = Duration.ofSeconds(1);

    FolderPoller(FileInSettings settings, BridgeInstance instance, Holds holds, Receiver receiver, Clock clock,
            LongSupplier nanos) {
        this.settings = settings;
        this.instance = instance;
        this.holds = holds;
        this.readiness = new Readiness(settings.stableFor(), settings.doneFile(), nanos);
        this.offer = new FileOffer(settings, instance, receiver, clock, nanos, () -> stopping);
        this.inProgress = settings.folder().resolve(Claim.IN_PROGRESS);
    }

    FolderPoller(FileInSettings settings, BridgeInstance instance, Holds holds, Receiver receiver) {
        this(settings, instance, holds, receiver, Clock.systemDefaultZone(), System::nanoTime);
    }

    /** Starts polling at once, then every {@code interval}. */
    synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, settings.bridge() + " poller");
            t.setDaemon(true);
            return t;
        });
        executor.execute(this::tick);
    }

    private void tick() {
        Duration next = settings.interval();
        try {
            if (poll() < 0) {
                next = wait;
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            } else {
                wait = Duration.ofSeconds(1);
            }
        } catch (IOException | RuntimeException e) {
            instance.disconnected("folder " + settings.folder() + ": " + e);
            next = wait;
        }
        synchronized (this) {
            if (!stopping) {
                executor.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * One poll.
     *
     * @return how many files were finished (moved to done/ or error/), or -1 when the folder cannot be used now
     */
    int poll() throws IOException {
        String problem = problem(settings.folder());
        if (problem != null) {
            instance.disconnected(problem);
            return -1;
        }
        try {
            Files.createDirectories(inProgress);
        } catch (IOException e) {
            instance.disconnected("folder " + settings.folder() + ": cannot create " + Claim.IN_PROGRESS + "/: " + e);
            return -1;
        }
        instance.connected();
        int finished = 0;
        for (Path left : leftInProgress()) {
            if (stopping) {
                return finished;
            }
            Claim c = Claim.recover(left, holds);
            if (c != null) {
                LOG.info("File in {}: offering {} again, left in {}/ (id {})", settings.bridge(), c.name(),
                        Claim.IN_PROGRESS, c.id());
                finished += offer.offer(c);
            }
        }
        finished += offer.retryDue();
        List<Listed> files = list();
        Set<String> names = new HashSet<>();
        files.forEach(f -> names.add(f.name));
        readiness.retainOnly(names);
        for (Listed f : files) {
            if (stopping) {
                break;
            }
            if (!readiness.ready(settings.folder(), f.name, f.size, f.modified)) {
                continue;
            }
            Claim c = Claim.take(settings.folder(), f.name, holds);
            if (c == null) {
                continue; // another poller took it, or a file of that name is in progress
            }
            readiness.forget(f.name);
            if (settings.doneFile() != null) {
                Files.deleteIfExists(settings.folder().resolve(settings.doneFile().doneFileOf(f.name)));
            }
            finished += offer.offer(c);
        }
        return finished;
    }

    private List<Path> leftInProgress() throws IOException {
        List<Path> left = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(inProgress)) {
            for (Path p : dir) {
                if (settings.names().accepts(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    left.add(p);
                }
            }
        }
        left.sort(Comparator.naturalOrder());
        return left;
    }

    private List<Listed> list() throws IOException {
        List<Listed> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(settings.folder())) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!settings.names().accepts(name)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        files.add(new Listed(p, name, a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (IOException gone) {
                    // taken or removed since the listing
                }
            }
        }
        files.sort(Comparator.comparingLong(Listed::modified).thenComparing(Listed::name));
        return files;
    }

    /** Why the folder cannot be polled now, or null. */
    static String problem(Path folder) {
        if (!Files.exists(folder)) {
            return "folder " + folder + " does not exist";
        }
        if (!Files.isDirectory(folder)) {
            return "folder " + folder + " is not a directory";
        }
        if (!Files.isReadable(folder)) {
            return "folder " + folder + " cannot be read";
        }
        if (!Files.isWritable(folder)) {
            return "folder " + folder + " is not writable (taken files are moved out of it)";
        }
        return null;
    }

    /** Stops polling; returns once no file is being offered. Files held stay in .inprogress/ for the next poller. */
    @Override
    public void close() {
        stopping = true;
        synchronized (this) {
            if (executor != null) {
                executor.shutdown();
            }
        }
        try {
            if (executor != null && !executor.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("File in {}: a file was still being routed after 60 s; its poller is interrupted",
                        settings.bridge());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        offer.releaseAll();
    }
}

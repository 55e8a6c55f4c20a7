package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.BundleStarts;
import io.switchboard.kernel.api.TimeLimit;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, updates and uninstalls the bundle jars of {@code deploy/}. A jar that does not start never
 * replaces a running version: a copy of the last version that started is kept under
 * {@code data/deployer/}, and a failed update is rolled back to it. Which version runs is decided by content
 * (SHA-256), not by file times, so a restart with a still-broken file fails again the same way.
 * <p>
 * Bundles are started transiently, on a thread of their own and under {@code switchboard.deploy.timeout}: the
 * framework never starts one from its cache by itself (the kernel holds them back at boot, and drops those whose file
 * has gone), so every start passes the checks here. A jar that calls {@code System.exit} is refused before install
 * ({@link JarCheck}); one that ended the platform anyway (an exit by reflection, from its activator or any of its
 * threads, a crash during its start) is not started again at the next boot ({@link StartMarks}). A jar whose bytes
 * are those of the installed version is not checked again (the checksum of the installed version is kept).
 */
final class BundleDeployer {

    static final String KIND = "bundle";
    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.deployer");
    /** The checksum of the version that last started (and whose copy is kept for roll-back). */
    private static final String GOOD = ".sha256";
    /** The checksum of the version installed in the framework, checked by {@link JarCheck} before it was. */
    private static final String INSTALLED = ".installed";

    private final BundleContext context;
    private final DeploymentLog log;
    private final Path store;
    private final DeployLimits limits;
    private final TimeLimit timeLimit;
    private final StartMarks marks;
    /** The class that called {@code System.exit} before this boot, and the jars of deploy/ still to look through. */
    private final Map<String, String> exitSuspects = new ConcurrentHashMap<>();

    BundleDeployer(BundleContext context, DeploymentLog log, Path store, DeployLimits limits, TimeLimit timeLimit) {
        this.context = context;
        this.log = log;
        this.store = store;
        this.limits = limits;
        this.timeLimit = timeLimit;
        this.marks = new StartMarks(store);
    }

    /**
     * At the deployer's start: when the kernel saw a class call {@code System.exit} before this boot, the first deploy
     * of each of these jars (those in deploy/ now) looks for it, and the jar that holds it is refused.
     */
    void lookForExitCaller(List<String> jarNames) {
        String caller = marks.takeExitCaller();
        if (caller != null) {
            jarNames.forEach(n -> exitSuspects.put(n, caller));
        }
    }

    void deploy(File file, String name) {
        String location = file.toURI().toString();
        Bundle existing = context.getBundle(location);
        String checksum;
        try {
            checksum = sha256(file.toPath());
        } catch (IOException e) {
            log.failed(name, KIND, "cannot be read: " + e.getMessage() + keeps(existing), describe(existing));
            return;
        }
        String exitCaller = exitSuspects.remove(file.getName());
        boolean installed = existing != null && checksum.equals(stored(file, INSTALLED));
        if (!installed || exitCaller != null) {
            String problem = JarCheck.problem(file, limits, exitCaller);
            if (problem != null && exitCaller != null && problem.equals(JarCheck.holds(exitCaller))) {
                String when = marks.endedWhileStarting(file.getName(), checksum) ? "starting" : "running";
                marks.blame(file.getName(), checksum, "the platform ended while this version was " + when + ": "
                        + problem);
            } else if (problem != null) {
                log.failed(name, KIND, problem + keeps(existing), describe(existing));
                return;
            }
        }
        String ended = marks.endedThePlatform(file.getName(), checksum);
        if (ended != null) {
            log.failed(name, KIND, ended + ", so it is not started again; replace the file, or remove and re-add it, "
                    + "to try again", null);
            return;
        }
        if (existing == null) {
            installFresh(file, name, location, checksum);
        } else if (installed) {
            ensureStarted(existing, file, name, checksum);
        } else {
            update(existing, file, name, checksum);
        }
    }

    /**
     * Tries again to start the installed bundle of a file that could not resolve (what it needs may have arrived):
     * only a start, the bundle's bytes are those checked when it was installed.
     */
    void retry(File file, String name) {
        Bundle b = context.getBundle(file.toURI().toString());
        String installed = stored(file, INSTALLED);
        if (b == null || b.getState() != Bundle.INSTALLED || installed == null) {
            return;
        }
        try {
            // the file refused (a newer version, one that ended the platform) is not the one to start
            if (!installed.equals(sha256(file.toPath())) || marks.endedThePlatform(file.getName(), installed) != null) {
                return;
            }
        } catch (IOException e) {
            return; // the file is going or changing: its own deploy follows
        }
        ensureStarted(b, file, name, installed);
    }

    private void installFresh(File file, String name, String location, String checksum) {
        Bundle b;
        try (InputStream in = Files.newInputStream(file.toPath())) {
            b = context.installBundle(location, in);
        } catch (BundleException | IOException e) {
            log.failed(name, KIND, "install refused: " + reason(e), null);
            return;
        }
        store(file, INSTALLED, checksum);
        try {
            start(b, file, checksum);
            remember(file, checksum);
            log.deployed(name, KIND, describe(b));
        } catch (BundleException e) {
            // Left installed: an unresolved bundle is started again (retry) when another bundle starts.
            log.failed(name, KIND, reason(e), null);
        }
    }

    private void update(Bundle b, File file, String name, String checksum) {
        String before = describe(b);
        try (InputStream in = Files.newInputStream(file.toPath())) {
            // Stopped first: update() would restart an active bundle itself and leave a revision that cannot
            // start in place; starting it here instead lets a failure roll back.
            timed("stop of " + before, () -> b.stop());
            timed("update of " + before, () -> b.update(in));
        } catch (BundleException | IOException e) {
            restart(b, file);
            // what the framework holds now is not known for certain: the next deploy checks the file again
            unstore(file, INSTALLED);
            log.failed(name, KIND, "update refused: " + reason(e) + "; " + before + " keeps running", before);
            return;
        }
        store(file, INSTALLED, checksum);
        refresh(b);
        try {
            start(b, file, checksum);
            remember(file, checksum);
            log.deployed(name, KIND, describe(b));
        } catch (BundleException e) {
            log.failed(name, KIND, reason(e) + rollBack(b, file), describe(b));
        }
    }

    private String rollBack(Bundle b, File file) {
        Path good = goodCopy(file);
        if (!Files.isRegularFile(good)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(good)) {
            unstore(file, INSTALLED);
            timed("roll-back of " + describe(b), () -> b.update(in));
            store(file, INSTALLED, stored(file, GOOD));
            refresh(b);
            start(b, file, stored(file, GOOD));
            return "; the previous version " + describe(b) + " was restored and runs";
        } catch (BundleException | IOException e) {
            return "; restoring the previous version failed too: " + reason(e);
        }
    }

    private void restart(Bundle b, File file) {
        try {
            start(b, file, stored(file, GOOD));
        } catch (BundleException e) {
            // reported by the caller's failure; the bundle stays as the framework left it
        }
    }

    private void ensureStarted(Bundle b, File file, String name, String checksum) {
        try {
            start(b, file, checksum);
            if (checksum != null && !checksum.equals(stored(file, GOOD))) {
                remember(file, checksum);
            }
            log.deployed(name, KIND, describe(b));
        } catch (BundleException e) {
            log.failed(name, KIND, reason(e), null);
        }
    }

    /** True when the file's bundle is installed but could not resolve: what it needs may arrive later. */
    boolean waitsToResolve(File file) {
        Bundle b = context.getBundle(file.toURI().toString());
        return b != null && b.getState() == Bundle.INSTALLED;
    }

    void undeploy(File file, String name) {
        Bundle b = context.getBundle(file.toURI().toString());
        String what = describe(b);
        if (b != null) {
            try {
                timed("uninstall of " + what, () -> b.uninstall());
                refresh(b);
            } catch (BundleException | IllegalStateException e) {
                log.failed(name, KIND, "uninstall failed: " + reason(e), what);
                return;
            }
        }
        forget(file);
        log.removed(name, what == null ? null : what + " uninstalled");
    }

    /**
     * Starts transiently, so the framework never starts it again from its cache by itself; on a thread of its own,
     * so an activator that does not return fails this file only. The mark stays if the platform ends meanwhile.
     */
    private void start(Bundle b, File file, String checksum) throws BundleException {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        if (checksum != null) {
            marks.starting(file.getName(), checksum);
        }
        try {
            timed("the activator of " + describe(b), () -> BundleStarts.start(b, Bundle.START_TRANSIENT));
        } finally {
            marks.done(file.getName());
        }
    }

    /** A framework call on a deploy bundle: Felix waits without end for the lock of a bundle whose start hangs. */
    private void timed(String what, FrameworkCall call) throws BundleException {
        try {
            timeLimit.call(what, () -> {
                call.run();
                return null;
            });
        } catch (BundleException | RuntimeException e) {
            throw e;
        } catch (TimeLimit.Exceeded e) {
            throw new BundleException(e.getMessage(), BundleException.STATECHANGE_ERROR);
        } catch (Exception e) {
            throw new BundleException(what + " failed: " + reason(e), BundleException.UNSPECIFIED, e);
        }
    }

    @FunctionalInterface
    private interface FrameworkCall {
        void run() throws BundleException;
    }

    /** Refreshes this bundle and only the bundles wired to it, and waits for it. */
    private void refresh(Bundle b) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(Set.of(b), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            done.await(timeLimit.limit().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remember(File file, String checksum) {
        try {
            Files.createDirectories(store);
            Path tmp = store.resolve(file.getName() + ".tmp");
            Files.copy(file.toPath(), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, goodCopy(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(store.resolve(file.getName() + GOOD), checksum);
        } catch (IOException e) {
            LOG.warn("Cannot keep a copy of {} for roll-back: {}", file, e.getMessage());
        }
    }

    /** The file left deploy/: its copy, its checksums and its start mark go, so the same bytes added again are tried. */
    private void forget(File file) {
        marks.clear(file.getName());
        unstore(file, "");
        unstore(file, GOOD);
        unstore(file, INSTALLED);
    }

    /** A checksum kept for the file: {@link #GOOD} (the version that last started), {@link #INSTALLED}. */
    private String stored(File file, String which) {
        try {
            return Files.readString(store.resolve(file.getName() + which)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private void store(File file, String which, String checksum) {
        try {
            Files.createDirectories(store);
            Files.writeString(store.resolve(file.getName() + which), checksum);
        } catch (IOException e) {
            LOG.warn("Cannot keep the checksum of {}: {} (it is checked again at its next deploy)", file,
                    e.getMessage());
        }
    }

    private void unstore(File file, String which) {
        try {
            Files.deleteIfExists(store.resolve(file.getName() + which));
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", store.resolve(file.getName() + which), e.getMessage());
        }
    }

    private Path goodCopy(File file) {
        return store.resolve(file.getName());
    }

    private static String keeps(Bundle existing) {
        return existing == null ? "" : "; " + describe(existing) + " keeps running";
    }

    static String describe(Bundle b) {
        return b == null ? null : b.getSymbolicName() + " " + b.getVersion();
    }

    /** Streamed: a jar is up to 64 MB. */
    static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The framework's message plus the root cause (an activator's exception, the resolver's requirement). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? own
                : own + ": " + root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

package io.switchboard.kernel.framework;

import io.switchboard.kernel.api.BundleStarts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/** Bundle life-cycle steps the kernel takes, each with the failure stated for an operator. */
public final class Bundles {

    private static final Logger LOG = LoggerFactory.getLogger(Bundles.class);

    private final BundleContext context;

    public Bundles(BundleContext context) {
        this.context = context;
    }

    /** Installs the file at {@code location}, or updates the bundle there when the file is newer. */
    public Bundle installOrUpdate(String location, Path jar) throws BundleException, IOException {
        Bundle existing = context.getBundle(location);
        if (existing == null) {
            try (InputStream in = Files.newInputStream(jar)) {
                return context.installBundle(location, in);
            }
        }
        if (Files.getLastModifiedTime(jar).toMillis() > existing.getLastModified()) {
            try (InputStream in = Files.newInputStream(jar)) {
                existing.update(in);
                LOG.info("Updated " + existing.getSymbolicName() + " " + existing.getVersion() + " from " + jar.getFileName());
            }
        }
        return existing;
    }

    /** Starts a bundle (fragments only resolve); the exception names the bundle and the framework's reason. */
    public void start(Bundle b) throws BundleException {
        if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            BundleStarts.start(b, 0);
        } catch (BundleException e) {
            throw new BundleException(b.getSymbolicName() + " " + b.getVersion() + " failed to start: " + reason(e),
                    e.getType(), e);
        }
    }

    public void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Uninstall of " + b.getSymbolicName() + " failed: " + e.getMessage());
        }
    }

    /**
     * Refreshes only what updates and uninstalls left pending, and the bundles wired to them: never the whole
     * framework, and never the kernel or broker, which live outside it. Waits until done.
     */
    public void refreshPending() {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (wiring.getRemovalPendingBundles().isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                LOG.warn("Bundle refresh did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The innermost useful message: an activator's exception, or the resolver's missing requirement. */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String own = e.getMessage() == null ? "" : e.getMessage();
        if (t == e) {
            return own;
        }
        return own + " (" + t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
    }
}

package io.switchboard.kernel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.kernel.api.BrokerAdmin;
import io.switchboard.kernel.api.FeatureException;
import io.switchboard.kernel.api.Features;
import io.switchboard.kernel.api.LoginGuard;
import io.switchboard.kernel.api.UserStore;
import io.switchboard.kernel.broker.Broker;
import io.switchboard.kernel.broker.EmbeddedBroker;
import io.switchboard.kernel.broker.RemoteBroker;
import io.switchboard.kernel.framework.Bundles;
import io.switchboard.kernel.framework.DeployBundles;
import io.switchboard.kernel.framework.FeatureInstaller;
import io.switchboard.kernel.framework.FrameworkLauncher;
import io.switchboard.kernel.framework.FrameworkStop;
import io.switchboard.kernel.framework.KernelStatus;
import io.switchboard.kernel.metrics.PlatformMetrics;
import io.switchboard.kernel.security.FileUserStore;
import io.switchboard.kernel.security.LoginLockout;
import io.switchboard.kernel.security.PasswordHash;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * The kernel's life cycle. Start: user store, broker, framework, boot features, then the ready line once the
 * boot bundles are active, the broker accepts and HTTP serves. Stop, the reverse: refuse work (readiness goes
 * 503), stop the framework (bundles drain in their deactivation, bounded by {@code shutdown.drain.timeout}),
 * then the broker. The broker lives outside the framework, so no bundle refresh can bounce it.
 */
public final class Kernel {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    private static final AtomicInteger INVM_IDS = new AtomicInteger();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Settings settings;
    private final Map<String, String> env;
    private PlatformMetrics metrics;
    private Broker broker;
    private Framework framework;
    private FeatureInstaller features;
    private KernelStatus status;
    private FileUserStore users;
    private LoginLockout logins;
    private volatile boolean stopping;
    private boolean stopped;
    private final Object stopLock = new Object();

    public Kernel(Settings settings, Map<String, String> env) {
        this.settings = settings;
        this.env = env;
    }

    /** Boots the platform; returns once it is ready (or throws, having logged why). */
    public void start(Instant processStart) throws Exception {
        Files.createDirectories(settings.data());
        Files.createDirectories(settings.deploy());
        String kernelPassword = PasswordHash.randomPassword();
        // Opening the user store may run the KDF (~0.3 s: a first admin, or SWITCHBOARD_ADMIN_PASSWORD to check)
        // and reading the framework cache takes as long: both overlap the broker's start. The broker asks the
        // store only when a client connects; no bundle starts before the broker is up.
        CompletableFuture<FileUserStore> opened = CompletableFuture.supplyAsync(() -> openUsers(kernelPassword));
        CompletableFuture<Framework> initialized = CompletableFuture.supplyAsync(this::initFramework);
        logins = new LoginLockout(opened::join, Clock.systemUTC());
        metrics = new PlatformMetrics();
        broker = settings.brokerMode() == Settings.BrokerMode.EMBEDDED
                ? new EmbeddedBroker(settings, logins, kernelPassword, Integer.toString(INVM_IDS.getAndIncrement()),
                        metrics.registry())
                : new RemoteBroker(settings);
        broker.start();
        users = opened.join();
        framework = initialized.join();
        BundleContext context = framework.getBundleContext();
        Bundles bundles = new Bundles(context);
        features = new FeatureInstaller(context, settings.system(), settings.data().resolve("features.properties"), bundles);
        status = new KernelStatus(version(), processStart, broker, context, features::bootLocations);
        register(context);
        DeployBundles.holdBack(context, settings.deploy());
        framework.start();
        features.open();

        for (String name : settings.bootFeatures()) {
            Path file = settings.home().resolve("features").resolve(name + ".json");
            try {
                features.installBoot(file);
            } catch (FeatureException e) {
                status.bootFailed(name, e.getMessage());
                LOG.error("Boot feature " + name + " failed: " + e.getMessage());
            }
        }
        features.reconcile();
        status.bootFeaturesInstalled();
        awaitReady(processStart);
        status.bootEnded();
        Thread persist = new Thread(users::persistAdminPassword, "switchboard-admin-password");
        persist.setDaemon(true);
        persist.start();
    }

    private FileUserStore openUsers(String kernelPassword) {
        try {
            FileUserStore store = FileUserStore.open(settings.config().resolve("users.properties"), settings.data(),
                    env.get("SWITCHBOARD_ADMIN_PASSWORD"));
            store.addTransient(EmbeddedBroker.kernelUser(), kernelPassword, Set.of("admin"));
            return store;
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private Framework initFramework() {
        try {
            Framework f = FrameworkLauncher.create(settings);
            f.init();
            return f;
        } catch (IOException | BundleException e) {
            throw new CompletionException(e);
        }
    }

    private void register(BundleContext context) {
        Hashtable<String, Object> cf = new Hashtable<>();
        cf.put("name", "switchboard");
        cf.put("broker.mode", settings.brokerMode().name().toLowerCase());
        context.registerService(ConnectionFactory.class, broker.connectionFactory(), cf);
        context.registerService(UserStore.class, users, null);
        context.registerService(LoginGuard.class, logins, null);
        status.register();
        context.registerService(Features.class, features, null);
        // Only the embedded broker's destinations are ours to show; the REST API says so when there is none.
        broker.admin().ifPresent(admin -> context.registerService(BrokerAdmin.class, admin, null));
        // One registry for the broker, the JVM and every bundle: bundles add meters through MeterRegistry, and
        // /metrics writes it through PrometheusMeterRegistry.
        context.registerService(new String[] {MeterRegistry.class.getName(), PrometheusMeterRegistry.class.getName()},
                metrics.registry(), null);
    }

    private void awaitReady(Instant processStart) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        URI live = URI.create(settings.httpUrl() + "/health/live");
        List<String> reasons = status.notReadyReasons();
        while (System.nanoTime() < deadline && !stopping) {
            reasons = status.notReadyReasons();
            if (reasons.isEmpty() && serves(live)) {
                long ms = Duration.between(processStart, Instant.now()).toMillis();
                LOG.info("Switchboard ready in " + ms + " ms (HTTP " + settings.httpUrl() + ", " + broker.describe()
                        + ")");
                return;
            }
            Thread.sleep(10);
        }
        if (stopping) {
            return;
        }
        LOG.error("Switchboard not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                + (reasons.isEmpty() ? "HTTP does not serve " + live : String.join("; ", reasons)));
    }

    private static boolean serves(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            if (c instanceof HttpsURLConnection tls) {
                // our own listener on loopback, probed for liveness only: its certificate may be self-signed
                tls.setSSLSocketFactory(TrustOwnCertificate.FACTORY);
                tls.setHostnameVerifier((host, session) -> true);
            }
            c.setConnectTimeout(200);
            c.setReadTimeout(1000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Blocks until the framework stops (by {@link #stop()} or from inside, e.g. the shell's {@code stop 0}). */
    public void awaitFrameworkStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /** Graceful stop; safe to call more than once and from any thread. */
    public void stop() {
        stopping = true;
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            shutDown();
        }
    }

    private void shutDown() {
        LOG.info("Switchboard stopping");
        if (status != null) {
            status.stopping();
        }
        if (framework != null) {
            try {
                if (features != null) {
                    features.close();
                }
                if (!FrameworkStop.stop(framework, settings.drainTimeout())) {
                    LOG.warn("Framework did not stop within " + settings.drainTimeout().toSeconds()
                            + " s (shutdown.drain.timeout); stopping the broker anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Framework stop interrupted; stopping the broker");
            } catch (Exception e) {
                LOG.warn("Framework stop failed: " + e);
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("Switchboard stopped");
    }

    public Settings settings() {
        return settings;
    }

    public BundleContext bundleContext() {
        return framework.getBundleContext();
    }

    public static String version() {
        String v = Kernel.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}

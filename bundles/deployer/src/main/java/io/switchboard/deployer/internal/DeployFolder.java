package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.DeployHandler;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.kernel.api.FeatureException;
import io.switchboard.kernel.api.Features;
import io.switchboard.kernel.api.PlatformStatus;
import io.switchboard.kernel.api.TimeLimit;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceListener;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Everything FileInstall finds in {@code deploy/} (and the {@code .cfg} files of {@code config/}) comes here:
 * registered above FileInstall's own handlers, this installer takes jars, configurations and feature files, so
 * every file gets a status and a stated error, and no bad file is ever retried in a loop. FileInstall keeps the
 * part it is good at: watching folders. The work itself runs on the {@link DeployQueue}, never on FileInstall's scan
 * thread, each file within its size and time limits ({@link DeployLimits}): no file can hold up another.
 */
@Component(service = {ArtifactInstaller.class, Deployments.class}, property = "service.ranking:Integer=1000")
public final class DeployFolder implements ArtifactInstaller, Deployments {

    /** How long Declarative Services gets to take or refuse a configuration. */
    private static final Duration COMPONENT_WAIT = Duration.ofSeconds(5);

    private final BundleContext context;
    private final Path home;
    private final Path deploy;
    private final Path config;
    private final DeployLimits limits;
    private final DeploymentLog log = new DeploymentLog();
    private final DeployQueue queue = new DeployQueue();
    private final BundleDeployer bundles;
    private final ConfigDeployer configs;
    private final Features features;
    private final PlatformStatus status;
    private final HandledFiles handled;
    private final BundleListener bundleEvents = this::bundleChanged;
    private final ServiceListener statusEvents = event -> bootMayHaveEnded();
    /** Files no handler takes yet, while the platform boots: their handler may still come. */
    private final Set<File> waiting = ConcurrentHashMap.newKeySet();
    /** The start of the locations of bundles from {@code deploy/}: {@code File.toURI()}, as the deployer gives them. */
    private final String deployLocations;

    @Activate
    public DeployFolder(BundleContext context,
                        @Reference ConfigurationAdmin cm,
                        @Reference Features features,
                        @Reference PlatformStatus status,
                        @Reference ServiceComponentRuntime scr,
                        @Reference(cardinality = ReferenceCardinality.OPTIONAL) MetaTypeService metatype) {
        this.context = context;
        this.home = Path.of(context.getProperty("switchboard.home"));
        this.deploy = home.resolve("deploy");
        this.config = home.resolve("config");
        String uri = deploy.toFile().toURI().toString();
        this.deployLocations = uri.endsWith("/") ? uri : uri + "/";
        this.features = features;
        this.status = status;
        this.limits = DeployLimits.from(context::getProperty);
        TimeLimit timeLimit = new TimeLimit(limits.timeout(), DeployLimits.TIMEOUT);
        this.handled = new HandledFiles(log, timeLimit);
        this.bundles = new BundleDeployer(context, log, Path.of(context.getProperty("switchboard.data"), "deployer"),
                limits, timeLimit);
        this.configs = new ConfigDeployer(context, cm, metatype, log, new ComponentVerdict(scr, COMPONENT_WAIT));
        context.addBundleListener(bundleEvents);
        try {
            context.addServiceListener(statusEvents, "(objectClass=" + PlatformStatus.class.getName() + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        // FileInstall calls install() only for files it has not seen: after this bundle restarts, re-check all.
        List<File> present = new java.util.ArrayList<>();
        for (Path dir : List.of(config, deploy)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().map(Path::toFile).filter(this::canHandle).forEach(present::add);
            } catch (java.io.IOException e) {
                // a missing folder has nothing to deploy
            }
        }
        bundles.lookForExitCaller(present.stream().map(File::getName).filter(n -> n.endsWith(".jar")).toList());
        present.forEach(this::sync);
    }

    @Deactivate
    void deactivate() {
        context.removeServiceListener(statusEvents);
        context.removeBundleListener(bundleEvents);
        queue.close();
    }

    /** A handler for a kind of file: its files already in {@code deploy/} are deployed now. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(DeployHandler handler, Map<String, Object> properties) {
        HandledFiles.Registered r = HandledFiles.registered(handler, properties);
        handled.add(r);
        HandledFiles.takenBy(r, deploy).forEach(this::sync);
    }

    /** Its files stay where they are; what they deployed went with the handler's bundle. */
    void removeHandler(DeployHandler handler) {
        handled.remove(handler);
    }

    @Override
    public boolean canHandle(File file) {
        // Everything in the watched folders is ours, including what we ignore: otherwise FileInstall's own
        // BundleTransformer would install a temporary copy of a jar behind our back.
        Path dir = file.toPath().toAbsolutePath().getParent();
        return dir != null && (dir.equals(deploy) || dir.equals(config));
    }

    @Override
    public void install(File file) {
        sync(file);
    }

    @Override
    public void update(File file) {
        sync(file);
    }

    @Override
    public void uninstall(File file) {
        sync(file);
    }

    @Override
    public List<Deployment> list() {
        return log.list();
    }

    /** Brings what runs in line with the file as it is when the work runs: deployed if it is there, else undeployed. */
    private void sync(File file) {
        queue.submit(relative(file), syncing(file));
    }

    private Runnable syncing(File file) {
        return () -> {
            // resolved once per run: a handler may leave meanwhile, the run goes on with the one it found
            HandledFiles.Registered handler = handled.handlerFor(file.getName()).orElse(null);
            if (Files.exists(file.toPath(), LinkOption.NOFOLLOW_LINKS)) {
                deploy(file, handler);
            } else {
                undeploy(file, handler);
            }
        };
    }

    private void undeploy(File file, HandledFiles.Registered handler) {
        String name = relative(file);
        waiting.remove(file);
        switch (kind(file, handler)) {
            case HANDLED -> handled.undeploy(handler, file, name);
            case BUNDLE -> bundles.undeploy(file, name);
            case CONFIGURATION -> configs.undeploy(file, name);
            case FEATURE -> {
                features.uninstall(file.toPath());
                log.removed(name, "feature uninstalled");
            }
            default -> log.removed(name, null);
        }
    }

    private void deploy(File file, HandledFiles.Registered handler) {
        String name = relative(file);
        waiting.remove(file);
        Kind kind = kind(file, handler);
        if (kind == Kind.IGNORED || !admitted(file, name, kind, handler)) {
            return;
        }
        switch (kind) {
            case HANDLED -> handled.deploy(handler, file, name);
            case BUNDLE -> bundles.deploy(file, name);
            case CONFIGURATION -> configs.deploy(file, name);
            case FEATURE -> {
                if (afterBoot(file)) {
                    return;
                }
                try {
                    log.deployed(name, "feature", features.install(file.toPath()).id());
                } catch (FeatureException e) {
                    log.failed(name, "feature", e.getMessage(), null);
                }
            }
            default -> unknown(file, name);
        }
        Deployment now = log.get(name);
        if (now != null && now.status() == Deployment.Status.DEPLOYED) {
            retryUnresolved();
        }
    }

    /**
     * While the platform boots, the handler for a file may simply not be registered yet (routing starts after the
     * deployer): the file waits without a status, and is deployed when its handler comes ({@link #addHandler}), or
     * FAILED once when the boot ends without it. After the boot, a file nobody takes is FAILED at once.
     */
    private void unknown(File file, String name) {
        if (status.booting()) {
            waiting.add(file);
            if (status.booting()) {
                return;
            }
            // the boot ended while the file was put aside: nobody else will take it out
            waiting.remove(file);
        }
        log.failed(name, "unknown", "unsupported file type (deploy takes .jar bundles, .cfg/.config configurations, "
                + ".json features" + handled.suffixes().stream().map(s -> ", " + s).reduce("", String::concat)
                + "; route files .route.yaml need the routing feature)", null);
    }

    /**
     * A feature in deploy/ is installed after the boot features, as Karaf installs its deploy folder's features after
     * its boot features: its bundles may need what they provide (the servlet API, say), and a feature whose bundle does
     * not resolve fails for good. While the platform boots, the file waits without a status.
     *
     * @return true when the file was put aside until the boot ends
     */
    private boolean afterBoot(File file) {
        if (status.booting()) {
            waiting.add(file);
            if (status.booting()) {
                return true;
            }
            waiting.remove(file); // the boot ended while the file was put aside: nobody else will take it out
        }
        return false;
    }

    /** The boot has ended (or the status changed otherwise): the files still waiting for a handler are looked at. */
    private void bootMayHaveEnded() {
        if (status.booting()) {
            return;
        }
        for (File file : List.copyOf(waiting)) {
            if (waiting.remove(file)) {
                sync(file);
            }
        }
    }

    /** Size, link and file-type limits, checked before anything reads the file. */
    private boolean admitted(File file, String name, Kind kind, HandledFiles.Registered handler) {
        String refusal = switch (kind) {
            case BUNDLE -> Admission.refusal(file.toPath(), limits.bundleBytes(), "switchboard.deploy.max.bundle");
            case CONFIGURATION -> Admission.refusal(file.toPath(), limits.configurationBytes(),
                    "switchboard.deploy.max.configuration");
            case FEATURE -> Admission.refusal(file.toPath(), limits.featureBytes(), "switchboard.deploy.max.feature");
            case HANDLED -> handler.maxBytes() == null
                    ? Admission.refusal(file.toPath(), limits.fileBytes(), "switchboard.deploy.max.file")
                    : Admission.refusal(file.toPath(), handler.maxBytes(), DeployHandler.MAX_SIZE + " of the "
                            + handler.kind() + " handler");
            default -> null;
        };
        if (refusal == null) {
            return true;
        }
        Deployment before = log.get(name);
        String running = before == null ? null : before.target();
        log.failed(name, kindName(kind, handler), refusal + (running == null ? "" : "; what it deployed before stays"),
                running);
        return false;
    }

    /**
     * The deploy bundles that could not resolve are tried again when a bundle starts (what they need may have just
     * arrived: at first boot the platform's own features start after the deployer); one whose bundle went away
     * behind the deployer's back (uninstalled by FileInstall or the shell) is brought in line with its file.
     */
    private void bundleChanged(BundleEvent event) {
        String location = event.getBundle().getLocation();
        boolean fromDeploy = location.startsWith(deployLocations);
        if (event.getType() == BundleEvent.STARTED && !fromDeploy) {
            retryUnresolved();
        } else if (event.getType() == BundleEvent.UNINSTALLED && fromDeploy) {
            sync(Path.of(java.net.URI.create(location)).toFile());
        }
    }

    private void retryUnresolved() {
        for (Deployment d : log.list()) {
            if (d.status() == Deployment.Status.FAILED && BundleDeployer.KIND.equals(d.kind())) {
                File file = home.resolve(d.file()).toFile();
                if (bundles.waitsToResolve(file) && !queue.busy(d.file())) {
                    queue.submit(d.file(), () -> bundles.retry(file, d.file()));
                }
            }
        }
    }

    private enum Kind { BUNDLE, CONFIGURATION, FEATURE, HANDLED, UNKNOWN, IGNORED }

    private Kind kind(File file, HandledFiles.Registered handler) {
        String n = file.getName();
        boolean inConfig = file.toPath().toAbsolutePath().getParent().equals(config);
        if (n.startsWith(".") || n.endsWith(".tmp") || n.endsWith(".part") || n.endsWith("~")
                || Files.isDirectory(file.toPath(), LinkOption.NOFOLLOW_LINKS) || n.equals("README.md")) {
            return Kind.IGNORED;
        }
        if (ConfigFile.handles(file)) {
            return Kind.CONFIGURATION;
        }
        if (inConfig) {
            return Kind.IGNORED;
        }
        if (handler != null) {
            return Kind.HANDLED;
        }
        if (n.endsWith(".jar")) {
            return Kind.BUNDLE;
        }
        if (n.endsWith(".json")) {
            return Kind.FEATURE;
        }
        return Kind.UNKNOWN;
    }

    private static String kindName(Kind kind, HandledFiles.Registered handler) {
        return switch (kind) {
            case BUNDLE -> BundleDeployer.KIND;
            case CONFIGURATION -> ConfigDeployer.KIND;
            case FEATURE -> "feature";
            case HANDLED -> handler.kind();
            default -> "unknown";
        };
    }

    private String relative(File file) {
        return home.relativize(file.toPath().toAbsolutePath()).toString();
    }
}

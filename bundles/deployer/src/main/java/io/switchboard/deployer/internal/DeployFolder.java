package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.DeployHandler;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.kernel.api.FeatureException;
import io.switchboard.kernel.api.Features;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Everything FileInstall finds in {@code deploy/} (and the {@code .cfg} files of {@code config/}) comes here:
 * registered above FileInstall's own handlers, this installer takes jars, configurations and feature files, so
 * every file gets a status and a stated error, and no bad file is ever retried in a loop. FileInstall keeps the
 * part it is good at: watching folders.
 */
@Component(service = {ArtifactInstaller.class, Deployments.class}, property = "service.ranking:Integer=1000")
public final class DeployFolder implements ArtifactInstaller, Deployments {

    private final Path home;
    private final Path deploy;
    private final Path config;
    private final DeploymentLog log = new DeploymentLog();
    private final BundleDeployer bundles;
    private final ConfigDeployer configs;
    private final Features features;
    private final HandledFiles handled = new HandledFiles(log);

    @Activate
    public DeployFolder(BundleContext context,
                        @Reference ConfigurationAdmin cm,
                        @Reference Features features,
                        @Reference(cardinality = ReferenceCardinality.OPTIONAL) MetaTypeService metatype) {
        this.home = Path.of(context.getProperty("switchboard.home"));
        this.deploy = home.resolve("deploy");
        this.config = home.resolve("config");
        this.features = features;
        this.bundles = new BundleDeployer(context, log, Path.of(context.getProperty("switchboard.data"), "deployer"));
        this.configs = new ConfigDeployer(context, cm, metatype, log);
        // FileInstall calls install() only for files it has not seen: after this bundle restarts, re-check all.
        for (Path dir : List.of(config, deploy)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().map(Path::toFile).filter(this::canHandle).forEach(this::deploy);
            } catch (java.io.IOException e) {
                // a missing folder has nothing to deploy
            }
        }
    }

    /** A handler for a kind of file: its files already in {@code deploy/} are deployed now. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addHandler(DeployHandler handler, Map<String, Object> properties) {
        HandledFiles.Registered r = HandledFiles.registered(handler, properties);
        handled.add(r);
        HandledFiles.takenBy(r, deploy).forEach(this::deploy);
    }

    /** Its files stay where they are; what they deployed went with the handler's bundle. */
    synchronized void removeHandler(DeployHandler handler) {
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
    public synchronized void install(File file) {
        deploy(file);
    }

    @Override
    public synchronized void update(File file) {
        deploy(file);
    }

    @Override
    public synchronized void uninstall(File file) {
        String name = relative(file);
        switch (kind(file)) {
            case HANDLED -> handled.undeploy(handled.handlerFor(file.getName()).orElseThrow(), file, name);
            case BUNDLE -> bundles.undeploy(file, name);
            case CONFIGURATION -> configs.undeploy(file, name);
            case FEATURE -> {
                features.uninstall(file.toPath());
                log.removed(name, "feature uninstalled");
            }
            default -> log.removed(name, null);
        }
    }

    @Override
    public List<Deployment> list() {
        return log.list();
    }

    private void deploy(File file) {
        String name = relative(file);
        switch (kind(file)) {
            case IGNORED -> { }
            case HANDLED -> handled.deploy(handled.handlerFor(file.getName()).orElseThrow(), file, name);
            case BUNDLE -> bundles.deploy(file, name);
            case CONFIGURATION -> configs.deploy(file, name);
            case FEATURE -> {
                try {
                    log.deployed(name, "feature", features.install(file.toPath()).id());
                } catch (FeatureException e) {
                    log.failed(name, "feature", e.getMessage(), null);
                }
            }
            case UNKNOWN -> log.failed(name, "unknown", "unsupported file type (deploy takes .jar bundles, .cfg/.config "
                    + "configurations, .json features" + handled.suffixes().stream().map(s -> ", " + s).reduce("", String::concat)
                    + "; route files .route.yaml need the routing feature)", null);
        }
        if (log.get(name) != null && log.get(name).status() == Deployment.Status.DEPLOYED) {
            bundles.retryUnresolved(log.list().stream()
                    .filter(d -> d.status() == Deployment.Status.FAILED).toList(), home);
        }
    }

    private enum Kind { BUNDLE, CONFIGURATION, FEATURE, HANDLED, UNKNOWN, IGNORED }

    private Kind kind(File file) {
        String n = file.getName();
        boolean inConfig = file.toPath().toAbsolutePath().getParent().equals(config);
        if (n.startsWith(".") || n.endsWith(".tmp") || n.endsWith(".part") || n.endsWith("~") || file.isDirectory()
                || n.equals("README.md")) {
            return Kind.IGNORED;
        }
        if (ConfigFile.handles(file)) {
            return Kind.CONFIGURATION;
        }
        if (inConfig) {
            return Kind.IGNORED;
        }
        if (handled.handlerFor(n).isPresent()) {
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

    private String relative(File file) {
        return home.relativize(file.toPath().toAbsolutePath()).toString();
    }
}

package io.switchboard.kernel.framework;

import io.switchboard.kernel.api.FeatureException;
import io.switchboard.kernel.api.FeatureInfo;
import io.switchboard.kernel.api.Features;
import io.switchboard.kernel.api.FeaturesListener;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Installs OSGi features (Feature JSON, Compendium 8.1 ch. 159, read by Apache Felix's implementation) from
 * {@code system/}, a Maven repository layout the build fills, so provisioning never touches the network.
 * Bundles are installed with the location {@code mvn:group/artifact/version}; a bundle several features list is
 * counted once per feature and uninstalled with the last of them. Configurations are handed to
 * {@link FeaturesListener} services (the deployer applies them through Config Admin): the kernel itself keeps no
 * Config Admin types on the host class path.
 */
public final class FeatureInstaller implements Features {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureInstaller.class);
    /** The framework's beginning start level; a feature's start-order is clamped to 1..this. */
    public static final int MAX_START_LEVEL = 10;

    private final BundleContext context;
    private final Path repository;
    private final Path stateFile;
    private final FeatureService reader;
    private final Map<Path, Installed> installed = new LinkedHashMap<>();
    private final ServiceTracker<FeaturesListener, FeaturesListener> listeners;
    private final Bundles bundles;

    private record Installed(FeatureInfo info, Set<String> locations) {
    }

    public FeatureInstaller(BundleContext context, Path repository, Path stateFile, Bundles bundles) {
        this.context = context;
        this.repository = repository;
        this.stateFile = stateFile;
        this.bundles = bundles;
        this.reader = ServiceLoader.load(FeatureService.class, FeatureService.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no FeatureService implementation on the class path"));
        this.listeners = new ServiceTracker<>(context, FeaturesListener.class, null) {
            @Override
            public FeaturesListener addingService(org.osgi.framework.ServiceReference<FeaturesListener> ref) {
                FeaturesListener l = super.addingService(ref);
                list().forEach(f -> tell(() -> l.installed(f)));
                return l;
            }
        };
    }

    public void open() {
        listeners.open();
    }

    public void close() {
        listeners.close();
    }

    @Override
    public synchronized List<FeatureInfo> list() {
        return installed.values().stream().map(Installed::info)
                .sorted(Comparator.comparing((FeatureInfo f) -> !f.boot())).toList();
    }

    /** The bundles of the boot features; readiness requires each to be active. */
    public synchronized Set<String> bootLocations() {
        Set<String> locations = new HashSet<>();
        installed.values().stream().filter(i -> i.info().boot()).forEach(i -> locations.addAll(i.locations()));
        return locations;
    }

    public FeatureInfo installBoot(Path file) throws FeatureException {
        return install(file, true);
    }

    @Override
    public FeatureInfo install(Path featureFile) throws FeatureException {
        return install(featureFile, false);
    }

    private synchronized FeatureInfo install(Path featureFile, boolean boot) throws FeatureException {
        Path file = featureFile.toAbsolutePath().normalize();
        Feature feature = read(file);
        List<FeatureBundle> ordered = new ArrayList<>(feature.getBundles());
        ordered.sort(Comparator.comparingInt(FeatureInstaller::startOrder));
        Map<String, Path> artifacts = new LinkedHashMap<>();
        for (FeatureBundle b : ordered) {
            Path jar;
            try {
                jar = artifactPath(b.getID());
            } catch (IllegalArgumentException e) {
                throw new FeatureException(file + ": bundle " + b.getID() + ": " + e.getMessage());
            }
            if (!Files.isRegularFile(jar)) {
                throw new FeatureException(file + ": bundle " + b.getID() + " is not in the repository (looked for "
                        + jar + "); build it, or copy it there in Maven layout");
            }
            artifacts.put(location(b.getID()), jar);
        }
        Set<String> before = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            before.add(b.getLocation());
        }
        List<Bundle> fresh = new ArrayList<>();
        List<Bundle> all = new ArrayList<>();
        try {
            for (FeatureBundle fb : ordered) {
                String location = location(fb.getID());
                Bundle b = bundles.installOrUpdate(location, artifacts.get(location));
                // start-order becomes the start level, so a restart from the framework cache keeps the order
                b.adapt(BundleStartLevel.class).setStartLevel(startOrder(fb));
                all.add(b);
                if (!before.contains(location)) {
                    fresh.add(b);
                }
            }
            bundles.refreshPending();
            for (Bundle b : all) {
                bundles.start(b);
            }
        } catch (BundleException | IOException e) {
            for (Bundle b : fresh) {
                bundles.uninstallQuietly(b);
            }
            throw new FeatureException(file + ": " + e.getMessage(), e);
        }
        Installed previous = installed.get(file);
        FeatureInfo info = new FeatureInfo(feature.getID().toString(), file.toString(), boot,
                ordered.stream().map(b -> b.getID().toString()).toList(), configurations(feature));
        installed.put(file, new Installed(info, artifacts.keySet()));
        if (previous != null) {
            removeUnused(previous.locations());
        }
        saveState();
        LOG.info("Feature " + info.id() + " installed from " + file.getFileName() + " (" + all.size() + " bundles)");
        if (listeners.getServices() != null) {
            for (Object l : listeners.getServices()) {
                tell(() -> ((FeaturesListener) l).installed(info));
            }
        }
        return info;
    }

    @Override
    public synchronized void uninstall(Path featureFile) {
        Path file = featureFile.toAbsolutePath().normalize();
        Installed gone = installed.remove(file);
        if (gone == null) {
            return;
        }
        removeUnused(gone.locations());
        saveState();
        LOG.info("Feature " + gone.info().id() + " uninstalled (" + file.getFileName() + " removed)");
        if (listeners.getServices() != null) {
            for (Object l : listeners.getServices()) {
                tell(() -> ((FeaturesListener) l).uninstalled(gone.info()));
            }
        }
    }

    /**
     * Forgets features recorded by an earlier run whose file is gone, uninstalling their bundles; the deployer
     * installs the rest again when it scans {@code deploy/}.
     */
    public synchronized void reconcile() {
        Properties state = new Properties();
        if (!Files.isRegularFile(stateFile)) {
            return;
        }
        try (Reader r = Files.newBufferedReader(stateFile)) {
            state.load(r);
        } catch (IOException e) {
            LOG.warn(stateFile + ": unreadable, ignored: " + e.getMessage());
            return;
        }
        Set<String> wanted = new HashSet<>();
        installed.values().forEach(i -> wanted.addAll(i.locations()));
        Set<String> orphans = new HashSet<>();
        for (String key : state.stringPropertyNames()) {
            Path file = Path.of(key);
            Set<String> locations = Set.of(state.getProperty(key).split(","));
            if (Files.isRegularFile(file)) {
                wanted.addAll(locations);
            } else {
                orphans.addAll(locations);
            }
        }
        orphans.removeAll(wanted);
        for (String location : orphans) {
            Bundle b = context.getBundle(location);
            if (b != null) {
                LOG.info("Uninstalling " + b.getSymbolicName() + ": its feature file was removed while stopped");
                bundles.uninstallQuietly(b);
            }
        }
        bundles.refreshPending();
    }

    private void removeUnused(Set<String> locations) {
        Set<String> stillNeeded = new HashSet<>();
        installed.values().forEach(i -> stillNeeded.addAll(i.locations()));
        for (String location : locations) {
            if (!stillNeeded.contains(location)) {
                Bundle b = context.getBundle(location);
                if (b != null) {
                    bundles.uninstallQuietly(b);
                }
            }
        }
        bundles.refreshPending();
    }

    private Feature read(Path file) throws FeatureException {
        try (Reader r = Files.newBufferedReader(file)) {
            Feature f = reader.readFeature(r);
            if (f == null || f.getID() == null) {
                throw new FeatureException(file + ": not a feature (no \"id\")");
            }
            return f;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new FeatureException(file + ": invalid feature JSON: " + reason, e);
        }
    }

    private static Map<String, Map<String, Object>> configurations(Feature feature) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (FeatureConfiguration c : feature.getConfigurations().values()) {
            result.put(c.getPid(), Map.copyOf(c.getValues()));
        }
        return result;
    }

    private static int startOrder(FeatureBundle b) {
        Object order = b.getMetadata().get("start-order");
        if (order == null) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(MAX_START_LEVEL, Integer.parseInt(order.toString().trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static String location(ID id) {
        return "mvn:" + id.getGroupId() + "/" + id.getArtifactId() + "/" + id.getVersion()
                + id.getType().map(t -> "/" + t).orElse("")
                + id.getClassifier().map(c -> (id.getType().isPresent() ? "/" : "/jar/") + c).orElse("");
    }

    /**
     * The jar of a feature bundle in the repository's Maven layout, confined to it: a part that is empty, starts with
     * {@code .} or holds a separator would leave the layout (a group {@code .tmp.x} became {@code /tmp/x}).
     *
     * @throws IllegalArgumentException naming the part, when the path would leave the repository
     */
    Path artifactPath(ID id) {
        return artifactPath(repository, id.getGroupId(), id.getArtifactId(), id.getVersion(),
                id.getType().orElse("jar"), id.getClassifier().orElse(null));
    }

    static Path artifactPath(Path repository, String group, String artifact, String version, String type,
                             String classifier) {
        Path root = repository.toAbsolutePath().normalize();
        java.util.List<String> parts = new ArrayList<>(List.of(group.split("\\.", -1)));
        parts.addAll(List.of(artifact, version, type));
        if (classifier != null) {
            parts.add(classifier);
        }
        for (String part : parts) {
            if (part.isEmpty() || part.startsWith(".") || part.contains("/") || part.contains("\\")) {
                throw new IllegalArgumentException("'" + part + "' would resolve outside the bundle repository "
                        + root + " (a group, artifact, version, type or classifier part must not be empty, start "
                        + "with '.' or hold '/' or '\\'); refused");
            }
        }
        String name = artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
        Path jar = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(name).normalize();
        if (!jar.startsWith(root)) {
            throw new IllegalArgumentException(jar + " is outside the bundle repository " + root + "; refused");
        }
        return jar;
    }

    private void saveState() {
        Properties state = new Properties();
        installed.forEach((file, i) -> {
            if (!i.info().boot()) {
                state.setProperty(file.toString(), String.join(",", i.locations()));
            }
        });
        try {
            Files.createDirectories(stateFile.getParent());
            Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                state.store(w, "features installed from deploy/: file = bundle locations");
            }
            Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn(stateFile + ": cannot be written: " + e.getMessage());
        }
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A FeaturesListener failed: " + e);
        }
    }
}

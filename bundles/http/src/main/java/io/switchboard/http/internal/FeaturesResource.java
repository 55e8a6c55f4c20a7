package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.kernel.api.FeatureInfo;
import io.switchboard.kernel.api.Features;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code /api/v1/features}: the installed features and those of the distribution's {@code features/} folder not
 * installed. Installing copies the file into {@code deploy/} (hidden temporary name, then a rename), exactly what an
 * operator does: the deployer records it, and it is installed again at every start until its file is removed.
 * Calling {@link Features#install} directly would install it for this run only. Uninstalling removes that file.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/features", "/v1/features/*"})
public final class FeaturesResource extends RestResource {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final transient Features features;
    private final transient WatchedFolders folders;
    private final transient Path available;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Activate
    public FeaturesResource(BundleContext context, @Reference Features features) {
        this.features = features;
        this.folders = WatchedFolders.of(context);
        // the kernel reads boot features from <home>/features (Settings, Kernel): the distribution ships them there
        this.available = folders.home().resolve("features");
        get("/v1/features", this::list);
        post("/v1/features/install", this::install);
        post("/v1/features/uninstall", this::uninstall);
    }

    private Object list(Call call) throws IOException {
        List<FeatureInfo> installed = features.list();
        Set<String> ids = installed.stream().map(FeatureInfo::id).collect(Collectors.toSet());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("installed", installed.stream().map(this::installed).toList());
        body.put("available", availableFiles().stream().map(FeaturesResource::describe)
                .filter(m -> !ids.contains(m.get("id"))).toList());
        return body;
    }

    private Object install(Call call) throws IOException {
        Roles.requireAdmin(call);
        String name = call.body().path("file").asText("");
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
                || !name.endsWith(".json")) {
            throw new ApiException(400, "invalid", "file: '" + name + "' is not the name of a feature file in "
                    + "features/ (a plain file name ending .json)");
        }
        Path source = available.resolve(name);
        if (!Files.isRegularFile(source)) {
            throw ApiException.notFound("file: features/" + name + " does not exist");
        }
        Object id = describe(source).get("id");
        Optional<FeatureInfo> already = features.list().stream().filter(f -> f.id().equals(id)).findFirst();
        if (already.isPresent()) {
            throw ApiException.conflict("feature " + id + " (features/" + name + ") is installed already from "
                    + folders.relative(Path.of(already.get().source())));
        }
        Path target = folders.deploy().resolve(name);
        if (Files.exists(target)) {
            throw ApiException.conflict("file: " + folders.relative(target) + " exists already; remove it first or "
                    + "uninstall its feature");
        }
        Instant since = Instant.now();
        WatchedFolders.writeAtomically(target, Files.readAllBytes(source));
        boolean done = WatchedFolders.await(() -> bySource(target).isPresent()
                || folders.failureSince(deployments, target, since) != null);
        Deployment failure = folders.failureSince(deployments, target, since);
        if (failure != null) {
            throw new ApiException(422, "refused", failure.error() + " (" + folders.relative(target)
                    + " stays until removed)");
        }
        if (done) {
            return installed(bySource(target).orElseThrow());
        }
        return Reply.accepted(Map.of("file", folders.relative(target), "installed", false,
                "message", "copied into deploy/; the deployer has not installed it yet"));
    }

    private Object uninstall(Call call) throws IOException {
        Roles.requireAdmin(call);
        String id = call.body().path("id").asText("");
        FeatureInfo f = features.list().stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("id: no installed feature " + id));
        if (f.boot()) {
            throw ApiException.conflict("feature " + id + " is a boot feature (boot.features in "
                    + "config/switchboard.properties): remove it there and restart to uninstall it");
        }
        Path source = Path.of(f.source());
        if (folders.isWatched(source)) {
            Files.deleteIfExists(source);
            WatchedFolders.await(() -> features.list().stream().noneMatch(i -> i.id().equals(id)));
        } else {
            features.uninstall(source);
        }
        boolean gone = features.list().stream().noneMatch(i -> i.id().equals(id));
        return Reply.of(gone ? 200 : 202, Map.of("id", id, "uninstalled", gone));
    }

    private Optional<FeatureInfo> bySource(Path file) {
        Path wanted = file.toAbsolutePath().normalize();
        return features.list().stream().filter(f -> Path.of(f.source()).toAbsolutePath().normalize().equals(wanted))
                .findFirst();
    }

    private Map<String, Object> installed(FeatureInfo f) {
        Path source = Path.of(f.source());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        Map<String, Object> file = describe(source);
        m.put("name", file.get("name"));
        m.put("description", file.get("description"));
        m.put("boot", f.boot());
        m.put("source", source.startsWith(folders.home()) ? folders.relative(source) : f.source());
        m.put("bundles", f.bundles());
        m.put("configurations", f.configurations().keySet().stream().sorted().toList());
        return m;
    }

    private List<Path> availableFiles() throws IOException {
        if (!Files.isDirectory(available)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(available)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The id, name and description a feature file declares; an unreadable file says why instead. */
    static Map<String, Object> describe(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.getFileName().toString());
        try {
            JsonNode json = MAPPER.readTree(file.toFile());
            m.put("id", json.path("id").asText(null));
            m.put("name", json.path("name").asText(null));
            m.put("description", json.path("description").asText(null));
        } catch (IOException e) {
            m.put("id", null);
            m.put("error", "unreadable: " + e.getMessage());
        }
        return m;
    }
}

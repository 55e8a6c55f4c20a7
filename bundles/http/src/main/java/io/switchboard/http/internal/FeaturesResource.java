package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.kernel.api.FeatureInfo;
import io.switchboard.kernel.api.Features;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/features}: the installed features and those of the distribution's {@code features/} folder not
 * installed. Installing copies the file into {@code deploy/} (hidden temporary name, then a rename), exactly what an
 * operator does: the deployer records it, and it is installed again at every start until its file is removed.
 * Calling {@link Features#install} directly would install it for this run only. Uninstalling removes that file.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern({"/v1/features", "/v1/features/*"})
public final class FeaturesResource extends HttpServlet {

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
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            Json.error(response, 404, "not-found", "no resource at /api" + request.getServletPath()
                    + request.getPathInfo());
            return;
        }
        List<FeatureInfo> installed = features.list();
        Set<String> ids = installed.stream().map(FeatureInfo::id).collect(Collectors.toSet());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("installed", installed.stream().map(this::installed).toList());
        body.put("available", availableFiles().stream().map(FeaturesResource::describe)
                .filter(m -> !ids.contains(m.get("id"))).toList());
        Json.write(response, 200, body);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!action.equals("/install") && !action.equals("/uninstall")) {
            Json.error(response, 404, "not-found", "POST /api/v1/features/install {\"file\": ...} or "
                    + "/api/v1/features/uninstall {\"id\": ...}");
            return;
        }
        if (!Roles.requireAdmin(request, response)) {
            return;
        }
        JsonNode body = Json.readObject(request, response);
        if (body == null) {
            return;
        }
        if (action.equals("/install")) {
            install(body.path("file").asText(""), response);
        } else {
            uninstall(body.path("id").asText(""), response);
        }
    }

    private void install(String name, HttpServletResponse response) throws IOException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
                || !name.endsWith(".json")) {
            Json.error(response, 400, "invalid", "file: '" + name + "' is not the name of a feature file in features/ "
                    + "(a plain file name ending .json)");
            return;
        }
        Path source = available.resolve(name);
        if (!Files.isRegularFile(source)) {
            Json.error(response, 404, "not-found", "file: features/" + name + " does not exist");
            return;
        }
        Object id = describe(source).get("id");
        Optional<FeatureInfo> already = features.list().stream().filter(f -> f.id().equals(id)).findFirst();
        if (already.isPresent()) {
            Json.error(response, 409, "conflict", "feature " + id + " (features/" + name + ") is installed already from "
                    + folders.relative(Path.of(already.get().source())));
            return;
        }
        Path target = folders.deploy().resolve(name);
        if (Files.exists(target)) {
            Json.error(response, 409, "conflict", "file: " + folders.relative(target) + " exists already; remove it "
                    + "first or uninstall its feature");
            return;
        }
        Instant since = Instant.now();
        WatchedFolders.writeAtomically(target, Files.readAllBytes(source));
        boolean done = WatchedFolders.await(() -> bySource(target).isPresent()
                || folders.failureSince(deployments, target, since) != null);
        Deployment failure = folders.failureSince(deployments, target, since);
        if (failure != null) {
            Json.error(response, 422, "refused", failure.error() + " (" + folders.relative(target)
                    + " stays until removed)");
        } else if (done) {
            Json.write(response, 200, installed(bySource(target).orElseThrow()));
        } else {
            Json.write(response, 202, Map.of("file", folders.relative(target), "installed", false,
                    "message", "copied into deploy/; the deployer has not installed it yet"));
        }
    }

    private void uninstall(String id, HttpServletResponse response) throws IOException {
        Optional<FeatureInfo> found = features.list().stream().filter(f -> f.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            Json.error(response, 404, "not-found", "id: no installed feature " + id);
            return;
        }
        FeatureInfo f = found.get();
        if (f.boot()) {
            Json.error(response, 409, "conflict", "feature " + id + " is a boot feature (boot.features in "
                    + "config/switchboard.properties): remove it there and restart to uninstall it");
            return;
        }
        Path source = Path.of(f.source());
        if (folders.isWatched(source)) {
            Files.deleteIfExists(source);
            WatchedFolders.await(() -> features.list().stream().noneMatch(i -> i.id().equals(id)));
        } else {
            features.uninstall(source);
        }
        boolean gone = features.list().stream().noneMatch(i -> i.id().equals(id));
        Json.write(response, gone ? 200 : 202, Map.of("id", id, "uninstalled", gone));
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

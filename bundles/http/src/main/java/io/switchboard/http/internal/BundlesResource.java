package io.switchboard.http.internal;

import io.switchboard.kernel.api.FeatureInfo;
import io.switchboard.kernel.api.Features;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;

import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/bundles}; for admins {@code POST /api/v1/bundles/{id}/start|stop|update|uninstall}. A bundle
 * deployed from a file in {@code deploy/} is uninstalled by deleting its file, so the folder stays the truth (the
 * deployer removes it); the framework's own bundle (0) is refused, and so are uninstalling a bundle a feature
 * installed (uninstall the feature) and stopping one of a boot feature (the platform needs it).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern({"/v1/bundles", "/v1/bundles/*"})
public final class BundlesResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BundlesResource.class);

    private final transient BundleContext context;
    private final transient Path deploy;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Features features;

    @Activate
    public BundlesResource(BundleContext context) {
        this.context = context;
        this.deploy = Path.of(context.getProperty("switchboard.home"), "deploy").toAbsolutePath().normalize();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = path(request);
        if (path.length == 0) {
            Map<String, FeatureInfo> features = featuresByLocation();
            Json.write(response, 200, Arrays.stream(context.getBundles())
                    .sorted(Comparator.comparingLong(Bundle::getBundleId)).map(b -> describe(b, features)).toList());
            return;
        }
        Bundle b = path.length == 1 ? bundle(path[0]) : null;
        if (b == null) {
            Json.error(response, 404, "not-found", "no bundle " + String.join("/", path));
            return;
        }
        Json.write(response, 200, describe(b, featuresByLocation()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = path(request);
        if (path.length != 2) {
            Json.error(response, 404, "not-found", "POST /api/v1/bundles/{id}/start|stop|update|uninstall");
            return;
        }
        if (!Roles.requireAdmin(request, response)) {
            return;
        }
        Bundle b = bundle(path[0]);
        if (b == null) {
            Json.error(response, 404, "not-found", "no bundle " + path[0]);
            return;
        }
        if (b.getBundleId() == 0) {
            Json.error(response, 409, "refused", "the framework's own bundle is managed by the platform: stop the "
                    + "platform with ./switchboard stop");
            return;
        }
        Map<String, FeatureInfo> features = featuresByLocation();
        FeatureInfo feature = features.get(b.getLocation());
        if (feature != null && (path[1].equals("uninstall") || (path[1].equals("stop") && feature.boot()))) {
            Json.error(response, 409, "refused", b.getSymbolicName() + " belongs to " + (feature.boot() ? "boot " : "")
                    + "feature " + feature.id() + ": " + (feature.boot()
                    ? "the platform needs it (to do without it, take the feature out of boot.features and restart)"
                    : "uninstall the feature instead (Features page, or remove " + feature.source() + ")"));
            return;
        }
        try {
            Path file = deployFile(b);
            switch (path[1]) {
                case "start" -> b.start();
                case "stop" -> b.stop();
                case "update" -> b.update();
                case "uninstall" -> {
                    if (file != null) {
                        Files.deleteIfExists(file); // the deployer uninstalls it, as if the operator had removed it
                    } else {
                        b.uninstall();
                    }
                }
                default -> {
                    Json.error(response, 404, "not-found", "no bundle operation '" + path[1]
                            + "': start, stop, update or uninstall");
                    return;
                }
            }
            LOG.info("Bundle " + b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]: " + path[1]
                    + " by " + request.getRemoteUser());
            Map<String, Object> result = new LinkedHashMap<>(describe(b, features));
            if (path[1].equals("uninstall") && file != null) {
                result.put("removedFile", deploy.getParent().relativize(file).toString());
            }
            Json.write(response, 200, result);
        } catch (BundleException | IllegalStateException e) {
            Json.error(response, 409, "bundle-failed", b.getSymbolicName() + ": " + path[1] + " failed: "
                    + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
    }

    Map<String, Object> describe(Bundle b, Map<String, FeatureInfo> features) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.getBundleId());
        m.put("symbolicName", b.getSymbolicName());
        m.put("name", b.getHeaders("").get(Constants.BUNDLE_NAME));
        m.put("version", b.getVersion().toString());
        m.put("state", ApiServlet.state(b.getState()));
        m.put("location", b.getLocation());
        Path file = deployFile(b);
        m.put("deployFile", file == null ? null : deploy.getParent().relativize(file).toString());
        m.put("fragment", b.getHeaders("").get(Constants.FRAGMENT_HOST) != null);
        FeatureInfo feature = features.get(b.getLocation());
        m.put("feature", feature == null ? null : feature.id());
        m.put("platform", b.getBundleId() == 0 || (feature != null && feature.boot()));
        return m;
    }

    /** The installed features by the location of their bundles ({@code mvn:g/a/v}); a boot feature wins a bundle. */
    private Map<String, FeatureInfo> featuresByLocation() {
        Features f = features;
        Map<String, FeatureInfo> byLocation = new HashMap<>();
        if (f != null) {
            f.list().stream().sorted((x, y) -> Boolean.compare(y.boot(), x.boot())).forEach(feature -> {
                for (String id : feature.bundles()) {
                    byLocation.putIfAbsent("mvn:" + id.replace(':', '/'), feature);
                }
            });
        }
        return byLocation;
    }

    /** The file in deploy/ this bundle was installed from, or null. */
    private Path deployFile(Bundle b) {
        try {
            if (b.getLocation().startsWith("file:")) {
                Path p = Path.of(URI.create(b.getLocation())).toAbsolutePath().normalize();
                return p.startsWith(deploy) ? p : null;
            }
        } catch (IllegalArgumentException e) {
            // a location that is no file URI
        }
        return null;
    }

    private Bundle bundle(String id) {
        try {
            return context.getBundle(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String[] path(HttpServletRequest request) {
        String info = request.getPathInfo();
        String rest = request.getServletPath() + (info == null ? "" : info);
        String[] parts = rest.replaceFirst("^/v1/[^/]+/?", "").split("/");
        return parts.length == 1 && parts[0].isEmpty() ? new String[0] : parts;
    }
}

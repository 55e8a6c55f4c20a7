package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.FeatureInfo;
import io.switchboard.kernel.api.Features;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/bundles}; for admins {@code POST /api/v1/bundles/{id}/start|stop|update|uninstall}. A bundle
 * deployed from a file in {@code deploy/} is uninstalled by deleting its file, so the folder stays the truth (the
 * deployer removes it); the framework's own bundle (0) is refused, and so are uninstalling a bundle a feature
 * installed (uninstall the feature) and stopping one of a boot feature (the platform needs it).
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/bundles", "/v1/bundles/*"})
public final class BundlesResource extends RestResource {

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
        get("/v1/bundles", this::list);
        get("/v1/bundles/{id}", call -> describe(bundle(call.path("id")), featuresByLocation()));
        for (String operation : List.of("start", "stop", "update", "uninstall")) {
            post("/v1/bundles/{id}/" + operation, call -> operate(call, operation));
        }
    }

    private Object list(Call call) {
        Map<String, FeatureInfo> features = featuresByLocation();
        return Arrays.stream(context.getBundles()).sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(b -> describe(b, features)).toList();
    }

    private Object operate(Call call, String operation) throws IOException {
        Roles.requireAdmin(call);
        Bundle b = bundle(call.path("id"));
        if (b.getBundleId() == 0) {
            throw new ApiException(409, "refused", "the framework's own bundle is managed by the platform: stop the "
                    + "platform with ./switchboard stop");
        }
        Map<String, FeatureInfo> features = featuresByLocation();
        FeatureInfo feature = features.get(b.getLocation());
        if (feature != null && (operation.equals("uninstall") || (operation.equals("stop") && feature.boot()))) {
            throw new ApiException(409, "refused", b.getSymbolicName() + " belongs to " + (feature.boot() ? "boot "
                    : "") + "feature " + feature.id() + ": " + (feature.boot()
                    ? "the platform needs it (to do without it, take the feature out of boot.features and restart)"
                    : "uninstall the feature instead (Features page, or remove " + feature.source() + ")"));
        }
        Path file = deployFile(b);
        try {
            switch (operation) {
                case "start" -> b.start();
                case "stop" -> b.stop();
                case "update" -> b.update();
                default -> {
                    if (file != null) {
                        Files.deleteIfExists(file); // the deployer uninstalls it, as if the operator had removed it
                    } else {
                        b.uninstall();
                    }
                }
            }
        } catch (BundleException | IllegalStateException e) {
            throw new ApiException(409, "bundle-failed", b.getSymbolicName() + ": " + operation + " failed: "
                    + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
        LOG.info("Bundle " + b.getSymbolicName() + " " + b.getVersion() + " [" + b.getBundleId() + "]: " + operation
                + " by " + call.user());
        Map<String, Object> result = new LinkedHashMap<>(describe(b, features));
        if (operation.equals("uninstall") && file != null) {
            result.put("removedFile", deploy.getParent().relativize(file).toString());
        }
        return result;
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
        Bundle b = null;
        try {
            b = context.getBundle(Long.parseLong(id));
        } catch (NumberFormatException e) {
            // answered below
        }
        if (b == null) {
            throw ApiException.notFound("no bundle " + id);
        }
        return b;
    }
}

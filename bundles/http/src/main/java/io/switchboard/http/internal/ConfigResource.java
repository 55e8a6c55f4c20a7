package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Json;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;

/**
 * {@code /api/v1/config}: every PID the platform knows (configured, or described by a bundle's metatype), a PID's
 * form and values with secrets masked, and changes checked against the metatype. A configuration that came from a
 * file in a watched folder is changed by rewriting that file, so FileInstall applies it and it survives restarts;
 * one made through Config Admin is changed there. New configurations are written to {@code deploy/}.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = {"/v1/config", "/v1/config/*"})
public final class ConfigResource extends RestResource {

    private static final long serialVersionUID = 1L;
    /** A PID, or factoryPid~name, as the deployer accepts them for file names. */
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(~[A-Za-z0-9_.-]+)?");

    private final transient BundleContext context;
    private final transient ConfigurationAdmin cm;
    private final transient WatchedFolders folders;
    private final transient ConfigWriter writer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MetaTypeService metatype;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Activate
    public ConfigResource(BundleContext context, @Reference ConfigurationAdmin cm) {
        this.context = context;
        this.cm = cm;
        this.folders = WatchedFolders.of(context);
        this.writer = new ConfigWriter(folders);
        get("/v1/config", call -> list());
        get("/v1/config/{pid}", this::describe);
        put("/v1/config/{pid}", this::change);
        post("/v1/config/{pid}", this::create);
        delete("/v1/config/{pid}", this::remove);
    }

    private Object describe(Call call) throws IOException {
        String pid = pid(call);
        Map<String, Object> detail = detail(pid);
        if (detail == null) {
            throw ApiException.notFound("no configuration and no metatype for PID " + pid);
        }
        return detail;
    }

    private Object change(Call call) throws IOException {
        String pid = pid(call);
        Roles.requireAdmin(call);
        JsonNode body = call.body();
        Configuration existing = find(pid);
        if (existing != null && existing.getProperties().get(ConfigWriter.FEATURE) != null) {
            throw ApiException.conflict("configuration " + pid + " comes from feature "
                    + existing.getProperties().get(ConfigWriter.FEATURE) + ": change it in the feature, or uninstall "
                    + "the feature and configure " + pid + " here");
        }
        MetaTypes.Described described = MetaTypes.find(context, metatype, formPid(pid, existing));
        if (existing == null && described != null && described.factory() && !pid.contains("~")) {
            throw invalid(pid + " is a factory PID: POST /v1/config/" + pid
                    + " {\"name\": ...} creates a configuration of it, PUT /v1/config/" + pid + "~<name> changes one");
        }
        ConfigForm form = new ConfigForm(described == null ? null : described.ocd());
        Path file = existing == null ? folders.deploy().resolve(pid + ".cfg") : writer.sourceFile(existing);
        Map<String, Object> current = existing == null ? Map.of() : ConfigWriter.properties(existing);
        Map<String, Object> values;
        try {
            values = form.check(body, current, file == null || file.getFileName().toString().endsWith(".config"));
        } catch (ConfigForm.Invalid e) {
            throw invalid("configuration " + pid + ": " + e.getMessage()
                    + (file == null ? "" : "; " + folders.relative(file) + " is unchanged"));
        }
        return apply(pid, existing, file, values, existing == null ? 201 : 200);
    }

    /** Creates a factory configuration: {@code {"name": ..., "values": {...}}} becomes deploy/factoryPid~name.cfg. */
    private Object create(Call call) throws IOException {
        String factoryPid = pid(call);
        Roles.requireAdmin(call);
        JsonNode body = call.body();
        String name = body.path("name").asText("");
        if (factoryPid.contains("~") || !PID.matcher(factoryPid + "~" + name).matches()) {
            throw invalid("name: a factory configuration is created at /v1/config/<factoryPid> with a name of "
                    + "letters, digits, '.', '_', '-'; got '" + name + "' for " + factoryPid);
        }
        JsonNode values = body.path("values").isMissingNode() ? Json.object() : body.path("values");
        if (!values.isObject()) {
            throw invalid("values: must be a JSON object");
        }
        MetaTypes.Described described = MetaTypes.find(context, metatype, factoryPid);
        if (described != null && !described.factory()) {
            throw invalid(factoryPid + " is a singleton PID, not a factory PID: PUT /v1/config/" + factoryPid
                    + " instead");
        }
        String pid = factoryPid + "~" + name;
        Path file = folders.deploy().resolve(pid + ".cfg");
        if (find(pid) != null || Files.exists(file)) {
            throw ApiException.conflict("configuration " + pid + " exists already (" + folders.relative(file)
                    + "): PUT /v1/config/" + pid + " to change it");
        }
        Map<String, Object> checked;
        try {
            checked = form(pid, null).check(values, Map.of(), false);
        } catch (ConfigForm.Invalid e) {
            throw invalid("configuration " + pid + ": " + e.getMessage() + "; nothing written");
        }
        return apply(pid, null, file, checked, 201);
    }

    private Object remove(Call call) throws IOException {
        String pid = pid(call);
        Roles.requireAdmin(call);
        Configuration existing = find(pid);
        Path file = existing == null ? null : writer.sourceFile(existing);
        if (existing == null) {
            Path dropped = folders.deploy().resolve(pid + ".cfg");
            if (!Files.exists(dropped)) {
                throw ApiException.notFound("no configuration " + pid);
            }
            file = dropped; // a file the deployer refused has no configuration, but the operator wants it gone
        } else if (existing.getProperties().get(ConfigWriter.FEATURE) != null) {
            throw ApiException.conflict("configuration " + pid + " comes from feature "
                    + existing.getProperties().get(ConfigWriter.FEATURE) + ": uninstall the feature to remove it");
        }
        if (file != null) {
            Files.deleteIfExists(file);
            WatchedFolders.await(() -> find(pid) == null);
        } else {
            existing.delete();
        }
        return null;
    }

    private Object apply(String pid, Configuration existing, Path file, Map<String, Object> values, int created)
            throws IOException {
        if (existing != null && ConfigWriter.same(ConfigWriter.properties(existing), values)) {
            return withApplied(detail(pid), true);
        }
        Instant since = Instant.now();
        long before = existing == null ? -1 : existing.getChangeCount();
        if (file == null) {
            writer.update(existing, values);
            return withApplied(detail(pid), true);
        }
        writer.write(file, values);
        boolean applied = WatchedFolders.await(() -> {
            Configuration c = find(pid);
            return (c != null && c.getChangeCount() > before)
                    || folders.failureSince(deployments, file, since) != null;
        });
        var failure = folders.failureSince(deployments, file, since);
        if (failure != null) {
            throw new ApiException(422, "refused", failure.error());
        }
        Map<String, Object> detail = detail(pid);
        return Reply.of(applied ? (existing == null ? created : 200) : 202,
                withApplied(detail == null ? Map.of("pid", pid) : detail, applied));
    }

    private static Map<String, Object> withApplied(Map<String, Object> detail, boolean applied) {
        Map<String, Object> m = new LinkedHashMap<>(detail);
        m.put("applied", applied);
        return m;
    }

    /** The PID in the path, refused (400) unless it is a PID or factoryPid~name. */
    private static String pid(Call call) {
        String pid = call.path("pid");
        if (!PID.matcher(pid).matches()) {
            throw invalid("'" + pid + "' is not a PID or factoryPid~name (letters, digits, '.', '_', '-')");
        }
        return pid;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid", message);
    }

    private List<Map<String, Object>> list() throws IOException {
        Map<String, MetaTypes.Described> described = MetaTypes.all(context, metatype);
        Map<String, Map<String, Object>> byPid = new TreeMap<>();
        for (Configuration c : all()) {
            Map<String, Object> m = summary(c);
            MetaTypes.Described d = described.get(c.getFactoryPid() != null ? c.getFactoryPid() : c.getPid());
            if (d != null) {
                m.put("name", d.ocd().getName());
                m.put("description", d.ocd().getDescription());
            }
            byPid.put(c.getPid(), m);
        }
        for (MetaTypes.Described d : described.values()) {
            Map<String, Object> m = byPid.computeIfAbsent(d.pid(), p -> new LinkedHashMap<>(Map.of("pid", p)));
            m.put("factory", d.factory());
            m.put("name", d.ocd().getName());
            m.put("description", d.ocd().getDescription());
            m.put("describedBy", d.bundle().getSymbolicName());
            m.putIfAbsent("configured", d.factory()
                    ? byPid.values().stream().anyMatch(o -> d.pid().equals(o.get("factoryPid"))) : false);
        }
        return new ArrayList<>(byPid.values());
    }

    private Map<String, Object> detail(String pid) throws IOException {
        Configuration c = find(pid);
        MetaTypes.Described described = MetaTypes.find(context, metatype, formPid(pid, c));
        if (c == null && (described == null || pid.contains("~"))) {
            return null; // a factory configuration that does not exist; its form is at /v1/config/<factoryPid>
        }
        Map<String, Object> m = c == null ? new LinkedHashMap<>(Map.of("pid", pid, "configured", false)) : summary(c);
        ConfigForm form = new ConfigForm(described == null ? null : described.ocd());
        m.put("factory", described != null && described.factory() && !pid.contains("~") && c == null);
        m.put("form", form.described() ? form.describe() : null);
        m.put("values", form.values(c == null ? Map.of() : ConfigWriter.properties(c)));
        if (Boolean.TRUE.equals(m.get("factory"))) {
            m.put("instances", all().stream().filter(i -> pid.equals(i.getFactoryPid())).map(Configuration::getPid)
                    .sorted().toList());
        }
        return m;
    }

    private Map<String, Object> summary(Configuration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", c.getPid());
        m.put("factoryPid", c.getFactoryPid());
        m.put("bundleLocation", c.getBundleLocation());
        Path file = writer.sourceFile(c);
        m.put("file", file == null ? null : folders.relative(file));
        m.put("feature", c.getProperties().get(ConfigWriter.FEATURE));
        m.put("configured", true);
        return m;
    }

    private ConfigForm form(String pid, Configuration c) {
        MetaTypes.Described d = MetaTypes.find(context, metatype, formPid(pid, c));
        return new ConfigForm(d == null ? null : d.ocd());
    }

    /** The PID whose metatype describes this configuration: its factory PID for a factory configuration. */
    private static String formPid(String pid, Configuration c) {
        if (c != null && c.getFactoryPid() != null) {
            return c.getFactoryPid();
        }
        int tilde = pid.indexOf('~');
        return tilde < 0 ? pid : pid.substring(0, tilde);
    }

    private List<Configuration> all() throws IOException {
        try {
            Configuration[] found = cm.listConfigurations(null);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Configuration find(String pid) {
        try {
            Configuration[] found = cm.listConfigurations("(service.pid=" + ConfigWriter.escape(pid) + ")");
            return found == null ? null : found[0];
        } catch (IOException | InvalidSyntaxException e) {
            return null;
        }
    }
}

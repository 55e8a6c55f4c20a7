package io.switchboard.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.kernel.api.Deployments;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/config}: every PID the platform knows (configured, or described by a bundle's metatype), a PID's
 * form and values with secrets masked, and changes checked against the metatype. A configuration that came from a
 * file in a watched folder is changed by rewriting that file, so FileInstall applies it and it survives restarts;
 * one made through Config Admin is changed there. New configurations are written to {@code deploy/}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern({"/v1/config", "/v1/config/*"})
public final class ConfigResource extends HttpServlet {

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
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pid = pid(request, response, true);
        if (pid == null) {
            return;
        }
        if (pid.isEmpty()) {
            Json.write(response, 200, list());
            return;
        }
        Map<String, Object> detail = detail(pid);
        if (detail == null) {
            Json.error(response, 404, "not-found", "no configuration and no metatype for PID " + pid);
        } else {
            Json.write(response, 200, detail);
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pid = pid(request, response, false);
        if (pid == null || !Roles.requireAdmin(request, response)) {
            return;
        }
        JsonNode body = Json.readObject(request, response);
        if (body == null) {
            return;
        }
        Configuration existing = find(pid);
        if (existing != null && existing.getProperties().get(ConfigWriter.FEATURE) != null) {
            Json.error(response, 409, "conflict", "configuration " + pid + " comes from feature "
                    + existing.getProperties().get(ConfigWriter.FEATURE) + ": change it in the feature, or uninstall "
                    + "the feature and configure " + pid + " here");
            return;
        }
        MetaTypes.Described described = MetaTypes.find(context, metatype, formPid(pid, existing));
        if (existing == null && described != null && described.factory() && !pid.contains("~")) {
            Json.error(response, 400, "invalid", pid + " is a factory PID: POST /v1/config/" + pid
                    + " {\"name\": ...} creates a configuration of it, PUT /v1/config/" + pid + "~<name> changes one");
            return;
        }
        ConfigForm form = new ConfigForm(described == null ? null : described.ocd());
        Path file = existing == null ? folders.deploy().resolve(pid + ".cfg") : writer.sourceFile(existing);
        Map<String, Object> current = existing == null ? Map.of() : ConfigWriter.properties(existing);
        Map<String, Object> values;
        try {
            values = form.check(body, current, file == null || file.getFileName().toString().endsWith(".config"));
        } catch (ConfigForm.Invalid e) {
            Json.error(response, 400, "invalid", "configuration " + pid + ": " + e.getMessage()
                    + (file == null ? "" : "; " + folders.relative(file) + " is unchanged"));
            return;
        }
        applyAndAnswer(pid, existing, file, values, existing == null ? 201 : 200, response);
    }

    /** Creates a factory configuration: {@code {"name": ..., "values": {...}}} becomes deploy/factoryPid~name.cfg. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String factoryPid = pid(request, response, false);
        if (factoryPid == null || !Roles.requireAdmin(request, response)) {
            return;
        }
        JsonNode body = Json.readObject(request, response);
        if (body == null) {
            return;
        }
        String name = body.path("name").asText("");
        if (factoryPid.contains("~") || !PID.matcher(factoryPid + "~" + name).matches()) {
            Json.error(response, 400, "invalid", "name: a factory configuration is created at /v1/config/<factoryPid> "
                    + "with a name of letters, digits, '.', '_', '-'; got '" + name + "' for " + factoryPid);
            return;
        }
        JsonNode values = body.path("values").isMissingNode() ? Json.emptyObject() : body.path("values");
        if (!values.isObject()) {
            Json.error(response, 400, "invalid", "values: must be a JSON object");
            return;
        }
        MetaTypes.Described described = MetaTypes.find(context, metatype, factoryPid);
        if (described != null && !described.factory()) {
            Json.error(response, 400, "invalid", factoryPid + " is a singleton PID, not a factory PID: PUT /v1/config/"
                    + factoryPid + " instead");
            return;
        }
        String pid = factoryPid + "~" + name;
        Path file = folders.deploy().resolve(pid + ".cfg");
        if (find(pid) != null || Files.exists(file)) {
            Json.error(response, 409, "conflict", "configuration " + pid + " exists already (" + folders.relative(file)
                    + "): PUT /v1/config/" + pid + " to change it");
            return;
        }
        Map<String, Object> checked;
        try {
            checked = form(pid, null).check(values, Map.of(), false);
        } catch (ConfigForm.Invalid e) {
            Json.error(response, 400, "invalid", "configuration " + pid + ": " + e.getMessage() + "; nothing written");
            return;
        }
        applyAndAnswer(pid, null, file, checked, 201, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pid = pid(request, response, false);
        if (pid == null || !Roles.requireAdmin(request, response)) {
            return;
        }
        Configuration existing = find(pid);
        Path file = existing == null ? null : writer.sourceFile(existing);
        if (existing == null) {
            Path dropped = folders.deploy().resolve(pid + ".cfg");
            if (Files.exists(dropped)) {
                file = dropped; // a file the deployer refused has no configuration, but the operator wants it gone
            } else {
                Json.error(response, 404, "not-found", "no configuration " + pid);
                return;
            }
        } else if (existing.getProperties().get(ConfigWriter.FEATURE) != null) {
            Json.error(response, 409, "conflict", "configuration " + pid + " comes from feature "
                    + existing.getProperties().get(ConfigWriter.FEATURE) + ": uninstall the feature to remove it");
            return;
        }
        if (file != null) {
            Files.deleteIfExists(file);
            WatchedFolders.await(() -> find(pid) == null);
        } else {
            existing.delete();
        }
        response.setStatus(204);
    }

    private void applyAndAnswer(String pid, Configuration existing, Path file, Map<String, Object> values,
                                int created, HttpServletResponse response) throws IOException {
        if (existing != null && ConfigWriter.same(ConfigWriter.properties(existing), values)) {
            Json.write(response, 200, withApplied(detail(pid), true));
            return;
        }
        Instant since = Instant.now();
        long before = existing == null ? -1 : existing.getChangeCount();
        if (file == null) {
            writer.update(existing, values);
            Json.write(response, 200, withApplied(detail(pid), true));
            return;
        }
        writer.write(file, values);
        boolean applied = WatchedFolders.await(() -> {
            Configuration c = find(pid);
            return (c != null && c.getChangeCount() > before)
                    || folders.failureSince(deployments, file, since) != null;
        });
        var failure = folders.failureSince(deployments, file, since);
        if (failure != null) {
            Json.error(response, 422, "refused", failure.error());
            return;
        }
        Map<String, Object> detail = detail(pid);
        Json.write(response, applied ? (existing == null ? created : 200) : 202,
                withApplied(detail == null ? Map.of("pid", pid) : detail, applied));
    }

    private static Map<String, Object> withApplied(Map<String, Object> detail, boolean applied) {
        Map<String, Object> m = new LinkedHashMap<>(detail);
        m.put("applied", applied);
        return m;
    }

    /** The PID in the path, "" for the collection, or null after answering 400/405. */
    private static String pid(HttpServletRequest request, HttpServletResponse response, boolean collectionOk)
            throws IOException {
        String info = request.getPathInfo();
        String pid = info == null || info.equals("/") ? "" : info.substring(1);
        if (pid.isEmpty() && !collectionOk) {
            Json.error(response, 405, "method-not-allowed", request.getMethod() + " needs a PID: /api/v1/config/<pid>");
            return null;
        }
        if (!pid.isEmpty() && !PID.matcher(pid).matches()) {
            Json.error(response, 400, "invalid", "'" + pid + "' is not a PID or factoryPid~name (letters, digits, "
                    + "'.', '_', '-')");
            return null;
        }
        return pid;
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

package io.switchboard.http.internal;

import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
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
 * {@code POST /api/v1/deploy?name=FILE} (admin): the request body becomes {@code deploy/FILE} — written under a
 * hidden name and renamed, so the deployer never reads half a file — and the answer is what the deployer made of
 * it (waited for up to 15 s): {@code 200} deployed, {@code 422} failed with the deployer's error (the version
 * deployed before keeps running), {@code 202} still undecided. A name that is not a plain file name of a deployable
 * kind is refused (400); a body over {@code switchboard.http.upload.max} (default 64 MB) gets 413 and nothing is
 * written.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(ApiContext.SELECT)
@HttpWhiteboardServletPattern("/v1/deploy")
public final class DeployResource extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeployResource.class);
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,200}\\.(jar|json|cfg|route\\.yaml)");
    private static final Duration VERDICT = Duration.ofSeconds(15);

    private final transient Path deploy;
    private final long maxBytes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Deployments deployments;

    @Activate
    public DeployResource(BundleContext context) {
        this.deploy = Path.of(context.getProperty("switchboard.home"), "deploy").toAbsolutePath().normalize();
        String max = context.getProperty("switchboard.http.upload.max");
        this.maxBytes = max == null || max.isBlank() ? 64L << 20 : Long.parseLong(max.trim());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!Roles.requireAdmin(request, response)) {
            Json.discardBody(request, response);
            return;
        }
        // from the query string only: getParameter would parse a body sent as a form (curl --data-binary's default
        // content type) and consume the upload
        String name = queryParameter(request.getQueryString(), "name");
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            Json.discardBody(request, response);
            Json.error(response, 400, "bad-name", "name '" + name + "' refused: a plain file name (letters, digits, "
                    + "'.', '-', '_', '~'; no path) ending in .jar, .json (a feature), .cfg or .route.yaml");
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close"); // the body is not read
            tooLarge(response, name);
            return;
        }
        Path target = deploy.resolve(name);
        Path tmp = deploy.resolve("." + name + ".upload");
        Instant before = Instant.now();
        long size = 0;
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > maxBytes) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (size > maxBytes) {
            Files.deleteIfExists(tmp);
            response.setHeader("Connection", "close"); // the rest of the body is not read
            tooLarge(response, name);
            return;
        }
        if (size == 0) {
            Files.deleteIfExists(tmp);
            Json.error(response, 400, "empty", name + ": the upload is empty");
            return;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Upload deploy/" + name + " (" + size + " bytes) by " + request.getRemoteUser());
        Deployment verdict = awaitVerdict("deploy/" + name, before);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", "deploy/" + name);
        result.put("bytes", size);
        result.put("status", verdict == null ? "PENDING" : verdict.status().name());
        result.put("error", verdict == null ? null : verdict.error());
        result.put("target", verdict == null ? null : verdict.target());
        Json.write(response, verdict == null ? 202 : verdict.status() == Deployment.Status.FAILED ? 422 : 200, result);
    }

    static String queryParameter(String query, String key) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (k.equals(key)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private Deployment awaitVerdict(String file, Instant after) {
        long deadline = System.nanoTime() + VERDICT.toNanos();
        while (System.nanoTime() < deadline) {
            Deployments d = deployments;
            if (d != null) {
                for (Deployment entry : d.list()) {
                    if (entry.file().equals(file) && !entry.changed().isBefore(after)) {
                        return entry;
                    }
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void tooLarge(HttpServletResponse response, String name) throws IOException {
        Json.error(response, 413, "too-large", name + ": larger than the upload limit of " + maxBytes
                + " bytes (switchboard.http.upload.max)");
    }
}

package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployments;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.Reply;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
@ApiResource(servlet_pattern = "/v1/deploy")
public final class DeployResource extends RestResource {

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
        // the name comes from the query string only (Call.query): a body sent as a form, curl --data-binary's
        // default content type, stays the upload
        postBytes("/v1/deploy", this::upload);
    }

    private Object upload(Call call) throws IOException {
        Roles.requireAdmin(call);
        String name = call.query("name");
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new ApiException(400, "bad-name", "name '" + name + "' refused: a plain file name (letters, "
                    + "digits, '.', '-', '_', '~'; no path) ending in .jar, .json (a feature), .cfg or .route.yaml");
        }
        if (call.request().getContentLengthLong() > maxBytes) {
            call.response().setHeader("Connection", "close"); // the body is not read
            throw tooLarge(name);
        }
        Path target = deploy.resolve(name);
        Path tmp = deploy.resolve("." + name + ".upload");
        Instant before = Instant.now();
        long size = 0;
        try (InputStream in = call.request().getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
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
            call.response().setHeader("Connection", "close"); // the rest of the body is not read
            throw tooLarge(name);
        }
        if (size == 0) {
            Files.deleteIfExists(tmp);
            throw new ApiException(400, "empty", name + ": the upload is empty");
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Upload deploy/" + name + " (" + size + " bytes) by " + call.user());
        Deployment verdict = awaitVerdict("deploy/" + name, before);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", "deploy/" + name);
        result.put("bytes", size);
        result.put("status", verdict == null ? "PENDING" : verdict.status().name());
        result.put("error", verdict == null ? null : verdict.error());
        result.put("target", verdict == null ? null : verdict.target());
        return Reply.of(verdict == null ? 202 : verdict.status() == Deployment.Status.FAILED ? 422 : 200, result);
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

    private ApiException tooLarge(String name) {
        return new ApiException(413, "too-large", name + ": larger than the upload limit of " + maxBytes
                + " bytes (switchboard.http.upload.max)");
    }
}

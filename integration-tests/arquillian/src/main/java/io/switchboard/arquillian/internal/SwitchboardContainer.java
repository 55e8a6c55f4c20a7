package io.switchboard.arquillian.internal;

import io.switchboard.arquillian.SwitchboardConfiguration;
import io.switchboard.arquillian.SwitchboardCredentials;
import io.switchboard.kernel.Kernel;
import io.switchboard.kernel.Settings;
import io.switchboard.testing.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * A Switchboard for Arquillian. {@code managed}: the distribution runs as a separate process
 * ({@code bin/switchboard run}), tests are its clients over the wire. {@code embedded}: the same {@link Kernel}
 * that {@code bin/switchboard run} starts, in the test JVM, so tests also get its {@code BundleContext}. Either
 * way an archive is deployed the way an operator deploys: renamed atomically into {@code deploy/}, then the
 * platform's own deployment status decides: DEPLOYED, or FAILED with its reason as the DeploymentException.
 */
public final class SwitchboardContainer implements DeployableContainer<SwitchboardConfiguration> {

    private SwitchboardConfiguration config;
    private Path scratch;
    private Platform platform;
    private Kernel kernel;
    private boolean attached;

    @Override
    public Class<SwitchboardConfiguration> getConfigurationClass() {
        return SwitchboardConfiguration.class;
    }

    @Override
    public void setup(SwitchboardConfiguration configuration) {
        this.config = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public void start() throws LifecycleException {
        if (config.getAttachHome() != null) {
            attach();
            return;
        }
        try {
            scratch = Files.createTempDirectory("switchboard-arquillian");
            Path home = Platform.unpack(Path.of(config.getDistribution()), scratch);
            platform = Platform.at(home, "data").env("SWITCHBOARD_ADMIN_PASSWORD", config.getAdminPassword());
            if (config.getMode().equals("managed")) {
                platform.start();
            } else {
                Map<String, String> env = platform.environment();
                kernel = new Kernel(Settings.load(env), env);
                kernel.start(Instant.now());
            }
            RunningSwitchboard.set(new RunningSwitchboard(platform,
                    new SwitchboardCredentials("admin", config.getAdminPassword()),
                    kernel == null ? null : kernel.bundleContext()));
        } catch (Exception e) {
            throw new LifecycleException("Switchboard (" + config.getMode() + ") did not start: " + e.getMessage(), e);
        }
    }

    private void attach() throws LifecycleException {
        platform = Platform.attach(Path.of(config.getAttachHome()), config.getAttachHttpPort(),
                config.getAttachBrokerPort(), config.getAdminPassword());
        // A platform started a moment ago may still be opening what it depends on (the delivery store): readiness
        // answers 503 with the reason meanwhile. Wait for it a while, as a load balancer would; no answer at all fails.
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> platform.get("/health/ready"), r -> {
                        last.set(r);
                        return r.statusCode() == 200;
                    });
        } catch (UncheckedIOException e) {
            throw new LifecycleException("no ready Switchboard to attach to at http://127.0.0.1:"
                    + config.getAttachHttpPort() + ": " + e.getMessage());
        } catch (ConditionTimeoutException e) {
            HttpResponse<String> r = last.get();
            throw new LifecycleException("no ready Switchboard to attach to at http://127.0.0.1:"
                    + config.getAttachHttpPort() + " within 60 s (/health/ready answered "
                    + (r == null ? "nothing" : r.statusCode() + " " + r.body()) + ")");
        }
        attached = true;
        RunningSwitchboard.set(new RunningSwitchboard(platform,
                new SwitchboardCredentials("admin", config.getAdminPassword()), null));
    }

    @Override
    public void stop() throws LifecycleException {
        if (attached) {
            RunningSwitchboard.set(null);   // somebody else's platform: left running
            return;
        }
        try {
            if (kernel != null) {
                kernel.stop();
            } else if (platform != null) {
                platform.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RunningSwitchboard.set(null);
            if (!config.isKeepHome()) {
                delete(scratch);
            }
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String file = fileName(archive);
        try (InputStream in = archive.as(ZipExporter.class).exportAsInputStream()) {
            platform.drop(in.readAllBytes(), file);
            var status = platform.awaitDeployment(file, d -> d != null);
            if (!"DEPLOYED".equals(status.path("status").asText())) {
                throw new DeploymentException("deploy/" + file + " failed: " + status.path("error").asText());
            }
        } catch (IOException | InterruptedException | AssertionError e) {
            throw new DeploymentException("deploy/" + file + ": " + e.getMessage(), e);
        }
        return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", platform.httpPort()));
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        String file = fileName(archive);
        try {
            Files.deleteIfExists(platform.deploy().resolve(file));
            platform.awaitDeployment(file, d -> d == null);
        } catch (IOException | InterruptedException | AssertionError e) {
            throw new DeploymentException("undeploy of deploy/" + file + ": " + e.getMessage(), e);
        }
    }

    private static String fileName(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".jar") ? name : name + ".jar";
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a left-over temporary folder is harmless
        }
    }
}

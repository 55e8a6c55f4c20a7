package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.TimeLimit;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

/** What the deployer asks of the framework for a file whose bytes are those of the installed bundle. */
class BundleDeployerTest {

    @TempDir
    Path dir;

    /** The framework calls made on the installed bundle. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final DeploymentLog log = new DeploymentLog();

    private final Bundle installed = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(),
            new Class<?>[] {Bundle.class}, (p, method, args) -> switch (method.getName()) {
                case "getState" -> Bundle.INSTALLED;
                case "getHeaders" -> new Hashtable<String, String>();
                case "getSymbolicName" -> "it.waiting";
                case "getVersion" -> Version.parseVersion("1.0.0");
                default -> {
                    calls.add(method.getName());
                    yield null;
                }
            });

    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
            new Class<?>[] {BundleContext.class}, (p, method, args) -> method.getName().equals("getBundle")
                    ? installed : null);

    private BundleDeployer deployer(Path store) {
        return new BundleDeployer(context, log, store, DeployLimits.DEFAULTS,
                new TimeLimit(Duration.ofSeconds(5), DeployLimits.TIMEOUT));
    }

    /** Not a jar at all: had it been checked again, it would have been refused. */
    private Path installedFile(Path store) throws Exception {
        Path file = Files.writeString(dir.resolve("waiting.jar"), "the bytes the framework holds");
        Files.createDirectories(store);
        Files.writeString(store.resolve("waiting.jar.installed"), BundleDeployer.sha256(file));
        return file;
    }

    @Test
    void theInstalledBytesAreNotCheckedAgainAndARetryOnlyStartsTheBundle() throws Exception {
        Path store = dir.resolve("store");
        Path file = installedFile(store);
        BundleDeployer bundles = deployer(store);
        bundles.retry(file.toFile(), "deploy/waiting.jar");
        assertEquals(List.of("start"), calls, "no stop, update or refresh");
        assertEquals(Deployment.Status.DEPLOYED, log.get("deploy/waiting.jar").status());
        calls.clear();
        bundles.deploy(file.toFile(), "deploy/waiting.jar");
        assertEquals(List.of("start"), calls);
        assertEquals(Deployment.Status.DEPLOYED, log.get("deploy/waiting.jar").status());
    }

    @Test
    void aRetryNeverStartsAVersionThatEndedThePlatform() throws Exception {
        Path store = dir.resolve("store");
        Path file = installedFile(store);
        new StartMarks(store).starting("waiting.jar", BundleDeployer.sha256(file));
        deployer(store).retry(file.toFile(), "deploy/waiting.jar");
        assertEquals(List.of(), calls);
    }
}

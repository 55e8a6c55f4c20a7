package io.switchboard.it.hardening;

import static io.switchboard.testing.Platform.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.it.TestBundles;
import io.switchboard.it.bundles.ExitingActivator;
import io.switchboard.it.bundles.HangingActivator;
import io.switchboard.it.bundles.NotReadyActivator;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files in deploy/ (issue 14, items 3a, 3c, 5 and the deploy statuses), each sent to a running platform as
 * reported, after which the platform still serves. Activation is limited to 3 s here (30 s by default). Some files
 * are in deploy/ before the first start, as reported: a bundle that never returns, a bundle that needs the
 * platform's own features, a route file and a configuration.
 */
class DeployHardeningTest {

    private static final String PROBE_CFG = "io.switchboard.hardening.boot.cfg";

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        Files.writeString(home.resolve("config/framework.properties"), "\nswitchboard.deploy.timeout = 3s\n",
                StandardOpenOption.APPEND);
        Path deploy = home.resolve("deploy");
        Files.write(deploy.resolve("hang-at-boot.jar"), hanging("it.hang.boot"));
        Files.copy(StillServes.example(Platform.at(home, "data"), "switchboard-example-shape-circle"),
                deploy.resolve("circle.jar"));
        Files.writeString(deploy.resolve("boot.route.yaml"), route("boot"));
        Files.writeString(deploy.resolve(PROBE_CFG), "probe = yes\n");
        platform = Platform.at(home, "data").start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anActivatorThatNeverReturnsAtBootFailsWithItsReasonAndTheBootGoesOn() throws Exception {
        JsonNode d = platform.awaitDeployment("hang-at-boot.jar", status("FAILED"));
        assertTrue(d.path("error").asText().contains("did not finish within 3 s (switchboard.deploy.timeout)"),
                d.toString());
        StillServes.check(platform);
    }

    @Test
    void aHotDeployedActivatorThatNeverReturnsFailsAndNeitherDeployNorUploadsFreeze() throws Exception {
        platform.drop(hanging("it.hang.hot"), "hang.jar");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "STARTING".equals(
                DeployRestartHardeningTest.state(platform, "it.hang.hot")));
        // while it hangs, an upload is applied (200, not 202) and another file deploys
        HttpResponse<String> upload = upload("uploaded.jar", TestBundles.bundle("it.uploaded", "1.0.0", Map.of(
                "Bundle-Activator", QuietActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                QuietActivator.class));
        assertEquals(200, upload.statusCode(), upload.body());
        JsonNode hanging = platform.deployment("hang.jar");
        assertTrue(hanging == null || !"FAILED".equals(hanging.path("status").asText()),
                "the upload was applied while hang.jar still hung: " + hanging);
        JsonNode d = platform.awaitDeployment("hang.jar", status("FAILED"));
        assertTrue(d.path("error").asText().contains("did not finish within 3 s"), d.toString());
        StillServes.check(platform);
    }

    @Test
    void aFiftyMegabyteRouteFileIsRefusedBySizeAndHoldsUpNothing() throws Exception {
        Path big = dir.resolve("big.route.yaml");
        byte[] line = "# a comment line of a very long route file ..................................\n".getBytes();
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written < 50L << 20; written += line.length) {
                out.write(line);
            }
        }
        platform.drop(big, "big.route.yaml");
        JsonNode d = platform.awaitDeployment("big.route.yaml", status("FAILED"));
        assertTrue(d.path("error").asText().contains("over the limit of 1 MB (switchboard.deploy.max.size of the route handler)"),
                d.toString());
        StillServes.check(platform);
        Files.delete(platform.deploy().resolve("big.route.yaml"));
    }

    @Test
    void aBundleThatCallsSystemExitIsRefusedBeforeInstallAndThePlatformServes() throws Exception {
        platform.drop(TestBundles.bundle("it.exits", "1.0.0", Map.of("Bundle-Activator",
                ExitingActivator.class.getName(), "Import-Package", "org.osgi.framework"), ExitingActivator.class),
                "exits.jar");
        JsonNode d = platform.awaitDeployment("exits.jar", status("FAILED"));
        assertTrue(d.path("error").asText().contains("calls System.exit (in io/switchboard/it/bundles/"
                + "ExitingActivator.class)"), d.toString());
        assertFalse(platform.api("/api/v1/bundles").toString().contains("it.exits"), "never installed");
        StillServes.check(platform);
    }

    @Test
    void aZipBombJarIsRefusedAndThePlatformServes() throws Exception {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "it.bomb");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            jar.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 600; i++) {
                jar.write(zeros);
            }
            jar.closeEntry();
        }
        assertTrue(bytes.size() < 1 << 20, "a small file: " + bytes.size());
        platform.drop(bytes.toByteArray(), "bomb.jar");
        JsonNode d = platform.awaitDeployment("bomb.jar", status("FAILED"));
        assertTrue(d.path("error").asText().contains("inflates to more than 512 MB "
                + "(switchboard.deploy.jar.max.inflated; at zeros.bin): refused as a zip bomb"), d.toString());
        StillServes.check(platform);
    }

    @Test
    void aSymbolicLinkInDeployPointingOutsideIsRefusedUnread() throws Exception {
        Files.createSymbolicLink(platform.deploy().resolve("passwd.cfg"), Path.of("/etc/passwd"));
        JsonNode d = platform.awaitDeployment("passwd.cfg", status("FAILED"));
        assertTrue(d.path("error").asText().startsWith("a symbolic link"), d.toString());
        assertFalse(d.toString().contains("root"), "nothing of the target shows: " + d);
        StillServes.check(platform);
    }

    @Test
    void aFeatureCannotInstallABundleFromOutsideSystem() throws Exception {
        // the jar sits outside system/; a group id starting with '.' once resolved to it
        Path outside = dir.toAbsolutePath();
        String group = outside.toString().replace('/', '.');
        Path jar = Files.createDirectories(outside.resolve("evil/1.0.0")).resolve("evil-1.0.0.jar");
        Files.write(jar, TestBundles.bundle("it.evil", "1.0.0", Map.of()));
        platform.drop(("{ \"feature-resource-version\": \"1.0\", \"id\": \"it:evil-feature:1.0\", \"bundles\": [ "
                + "{ \"id\": \"" + group + ":evil:1.0.0\" } ] }").getBytes(StandardCharsets.UTF_8), "evil.json");
        JsonNode d = platform.awaitDeployment("evil.json", status("FAILED"));
        String error = d.path("error").asText();
        assertTrue(error.contains("evil.json") && error.contains(group + ":evil:1.0.0")
                && error.contains("outside the bundle repository"), error);
        assertFalse(platform.api("/api/v1/bundles").toString().contains("it.evil"), "never installed");
        StillServes.check(platform);
    }

    @Test
    void aFileNobodyTakesIsFailedAtOnceAfterTheBootEvenWhileThePlatformIsNotReady() throws Exception {
        platform.drop(TestBundles.bundle("it.not.ready", "1.0.0", Map.of("Bundle-Activator",
                NotReadyActivator.class.getName(), "Import-Package", "org.osgi.framework,io.switchboard.kernel.api"),
                NotReadyActivator.class), "not-ready.jar");
        platform.awaitHttp("/health/ready", 503, body -> body.contains("it: held not ready"));
        platform.drop("what is this".getBytes(StandardCharsets.UTF_8), "mystery.bin");
        JsonNode d = platform.awaitDeployment("mystery.bin", status("FAILED"));
        assertTrue(d.path("error").asText().startsWith("unsupported file type"), d.toString());
        Files.delete(platform.deploy().resolve("not-ready.jar"));
        platform.awaitHttp("/health/ready", 200, body -> true);
        Files.delete(platform.deploy().resolve("mystery.bin"));
        StillServes.check(platform);
    }

    @Test
    void aBundleInDeployBeforeTheFirstStartShowsDeployedOnceItRuns() throws Exception {
        platform.awaitDeployment("circle.jar", status("DEPLOYED"));
        StillServes.check(platform);
    }

    @Test
    void aRouteFileInDeployAtBootIsDeployedWithoutAFalseError() throws Exception {
        platform.awaitDeployment("boot.route.yaml", status("DEPLOYED"));
        assertFalse(platform.log().contains("Deploy failed: deploy/boot.route.yaml"), platform.log());
        StillServes.check(platform);
    }

    @Test
    void deletingAConfigurationFileRemovesItsStatusWithoutAStackTrace() throws Exception {
        platform.awaitDeployment(PROBE_CFG, status("DEPLOYED"));
        Files.delete(platform.deploy().resolve(PROBE_CFG));
        platform.awaitDeployment(PROBE_CFG, d -> d == null);
        platform.awaitLog(l -> l.contains("Undeployed deploy/" + PROBE_CFG), Duration.ofSeconds(5));
        assertFalse(platform.log().contains("Failed to uninstall artifact"), platform.log());
        StillServes.check(platform);
    }

    @Test
    void anEndpointConfigurationTheComponentRefusesIsFailedWithItsReason() throws Exception {
        for (String url : new String[] {"file:/etc/passwd", "ftp://127.0.0.1/x"}) {
            String name = "io.switchboard.delivery.http~hostile" + (url.startsWith("ftp") ? "ftp" : "file") + ".cfg";
            platform.drop(("endpoint = hostile\nurl = " + url + "\n").getBytes(StandardCharsets.UTF_8), name);
            JsonNode d = platform.awaitDeployment(name, status("FAILED"));
            assertTrue(d.path("error").asText().contains("must be an http:// or https:// URL"), d.toString());
        }
        StillServes.check(platform);
    }

    @Test
    void aRefusedEditOfAWorkingEndpointIsFailedAndTheEndpointKeepsPostingWhereItDid() throws Exception {
        // a component that refused a change used to stay active on its old values while the file showed DEPLOYED
        Set<String> received = ConcurrentHashMap.newKeySet();
        HttpServer farEnd = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        farEnd.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        farEnd.start();
        try {
            String name = "io.switchboard.delivery.http~edited.cfg";
            platform.drop(("endpoint = edited\nurl = http://127.0.0.1:" + farEnd.getAddress().getPort() + "/in\n")
                    .getBytes(StandardCharsets.UTF_8), name);
            platform.awaitDeployment(name, status("DEPLOYED"));
            deliver("edited", "before-edit");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("before-edit"));
            platform.drop("endpoint = edited\nurl = ftp://127.0.0.1/x\n".getBytes(StandardCharsets.UTF_8), name);
            JsonNode d = platform.awaitDeployment(name, status("FAILED"));
            assertTrue(d.path("error").asText().contains("must be an http:// or https:// URL")
                    && d.path("error").asText().contains("the configuration applied before stays"), d.toString());
            deliver("edited", "after-edit");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.contains("after-edit"));
        } finally {
            farEnd.stop(0);
        }
    }

    /** One message to a delivery endpoint, sent as a JMS client sends it. */
    private static void deliver(String endpoint, String id) throws JMSException {
        try (Connection c = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD)
                .createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = s.createTextMessage("{\"id\":\"" + id + "\"}");
            m.setStringProperty("SB_MESSAGE_ID", id);
            s.createProducer(s.createQueue("switchboard.deliver." + endpoint)).send(m);
        }
    }

    private static byte[] hanging(String symbolicName) throws IOException {
        return TestBundles.bundle(symbolicName, "1.0.0", Map.of("Bundle-Activator", HangingActivator.class.getName(),
                "Import-Package", "org.osgi.framework"), HangingActivator.class);
    }

    private static String route(String id) {
        return """
                - route:
                    id: %s
                    from:
                      uri: jms:queue:%s.in
                      steps:
                        - to: jms:queue:%s.out
                """.formatted(id, id, id);
    }

    private static HttpResponse<String> upload(String name, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort()
                        + "/api/v1/deploy?name=" + name)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + Platform.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}

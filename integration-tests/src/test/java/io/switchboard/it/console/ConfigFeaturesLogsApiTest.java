package io.switchboard.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.it.TestBundles;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.testing.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST resources behind the console's Configuration, Features and Logs pages, on one running platform: what an
 * admin changes lands in the files under deploy/ that the platform applies, and refusals name what is wrong.
 */
class ConfigFeaturesLogsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDPOINT_FACTORY = "io.switchboard.delivery.endpoint";
    private static final String FEATURE_ID = "it:console-feature:1.0";

    @TempDir
    static Path dir;
    static Platform platform;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        // a feature that is not a boot feature, in the distribution's features/ folder, its bundle in system/
        Path repo = Files.createDirectories(home.resolve("system/it/console-feature-bundle/1.0.0"));
        Files.write(repo.resolve("console-feature-bundle-1.0.0.jar"), TestBundles.bundle("it.console.feature", "1.0.0",
                Map.of("Bundle-Activator", QuietActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                QuietActivator.class));
        Files.writeString(home.resolve("features/it-console.json"), """
                { "feature-resource-version": "1.0", "id": "%s", "name": "Console test feature",
                  "bundles": [ { "id": "it:console-feature-bundle:1.0.0" } ] }
                """.formatted(FEATURE_ID));
        platform = Platform.at(home, "data").start();
        platform.awaitLog(l -> l.contains("Delivery store ready"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + Platform.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(30));
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.path(field).asText().equals(value))
                .findFirst().orElse(null);
    }

    private static void dropAndAwait(String name, String content) throws Exception {
        platform.drop(content.getBytes(StandardCharsets.UTF_8), name);
        platform.awaitDeployment(name, Platform.status("DEPLOYED"));
    }

    @Test
    void theListHoldsConfiguredAndMetatypeDescribedPids() {
        JsonNode list = platform.api("/api/v1/config");
        JsonNode factory = find(list, "pid", ENDPOINT_FACTORY);
        assertTrue(factory != null && factory.path("factory").asBoolean(), list.toString());
        assertEquals("Switchboard delivery endpoint", factory.path("name").asText());
        JsonNode store = find(list, "pid", "io.switchboard.delivery");
        assertTrue(store != null && !store.path("factory").asBoolean(), list.toString());
        assertEquals("Switchboard delivery store", store.path("name").asText());
        JsonNode logging = find(list, "pid", "org.ops4j.pax.logging");
        assertTrue(logging != null && logging.path("configured").asBoolean()
                && logging.path("file").asText().equals("config/org.ops4j.pax.logging.cfg"), list.toString());
    }

    @Test
    void theFormDescribesEachAttributeAndMarksPasswordsSecret() {
        JsonNode form = platform.api("/api/v1/config/io.switchboard.delivery").path("form");
        JsonNode password = find(form.path("attributes"), "id", "password");
        assertEquals("PASSWORD", password.path("type").asText(), form.toString());
        assertTrue(password.path("secret").asBoolean());
        JsonNode pool = find(form.path("attributes"), "id", "poolSize");
        assertEquals("INTEGER", pool.path("type").asText());
        assertEquals("8", pool.path("default").get(0).asText());
        assertEquals(0, pool.path("cardinality").asInt());
    }

    @Test
    void aSecretIsMaskedAndSendingTheMaskBackKeepsIt() throws Exception {
        String name = "io.switchboard.delivery.test~vault.cfg";
        dropAndAwait(name, "log = true\napiToken = s3cr3t-value\n");
        HttpResponse<String> got = platform.getAs("admin", Platform.ADMIN_PASSWORD,
                "/api/v1/config/io.switchboard.delivery.test~vault");
        assertFalse(got.body().contains("s3cr3t-value"), got.body());
        JsonNode token = JSON.readTree(got.body()).path("values").path("apiToken");
        assertEquals("********", token.path("value").asText(), got.body());
        assertTrue(token.path("secret").asBoolean());

        HttpResponse<String> put = send("PUT", "/api/v1/config/io.switchboard.delivery.test~vault",
                "{\"log\": false, \"apiToken\": \"********\", \"latency\": \"5ms\"}");
        assertEquals(200, put.statusCode(), put.body());
        assertFalse(put.body().contains("s3cr3t-value"), put.body());
        String file = Files.readString(platform.deploy().resolve(name));
        assertTrue(file.contains("apiToken = s3cr3t-value") && file.contains("latency = 5ms")
                && file.contains("log = false"), file);
    }

    @Test
    void anUpdateRewritesTheDeployFileKeepingCommentsAndTheComponentSeesIt() throws Exception {
        String name = ENDPOINT_FACTORY + "~console.cfg";
        dropAndAwait(name, "# the console's endpoint\nmaxAttempts = 3\n# spacing\ninitialDelay = 1s\n");
        platform.awaitLog(l -> l.contains("Delivery endpoint policy for console: 3 attempts"), Duration.ofSeconds(10));
        HttpResponse<String> put = send("PUT", "/api/v1/config/" + ENDPOINT_FACTORY + "~console",
                "{\"maxAttempts\": 7, \"initialDelay\": \"2s\"}");
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(JSON.readTree(put.body()).path("applied").asBoolean(), put.body());
        assertEquals("deploy/" + name, JSON.readTree(put.body()).path("file").asText());
        assertEquals("# the console's endpoint\nmaxAttempts = 7\n# spacing\ninitialDelay = 2s\n",
                Files.readString(platform.deploy().resolve(name)));
        platform.awaitLog(l -> l.contains("Delivery endpoint policy for console: 7 attempts"),
                Duration.ofSeconds(10));
    }

    @Test
    void aBadValueIsRefusedNamingTheFieldAndTheFileStaysAsItWas() throws Exception {
        String name = ENDPOINT_FACTORY + "~strict.cfg";
        dropAndAwait(name, "maxAttempts = 2\n");
        byte[] before = Files.readAllBytes(platform.deploy().resolve(name));
        for (var bad : Map.of("{\"maxAttempts\": \"many\"}", "maxAttempts",
                "{\"concurrency\": 1000}", "concurrency").entrySet()) {
            HttpResponse<String> put = send("PUT", "/api/v1/config/" + ENDPOINT_FACTORY + "~strict", bad.getKey());
            assertEquals(400, put.statusCode(), put.body());
            assertTrue(JSON.readTree(put.body()).path("message").asText().contains(bad.getValue()), put.body());
        }
        assertEquals(new String(before, StandardCharsets.UTF_8),
                Files.readString(platform.deploy().resolve(name)));
    }

    @Test
    void aFactoryConfigurationIsCreatedAsADeployFileAndDeletedWithIt() throws Exception {
        HttpResponse<String> post = send("POST", "/api/v1/config/" + ENDPOINT_FACTORY,
                "{\"name\": \"made\", \"values\": {\"maxAttempts\": 4}}");
        assertEquals(201, post.statusCode(), post.body());
        Path file = platform.deploy().resolve(ENDPOINT_FACTORY + "~made.cfg");
        assertEquals("maxAttempts = 4\n", Files.readString(file));
        platform.awaitLog(l -> l.contains("Delivery endpoint policy for made: 4 attempts"), Duration.ofSeconds(10));
        assertEquals(409, send("POST", "/api/v1/config/" + ENDPOINT_FACTORY, "{\"name\": \"made\"}").statusCode());

        assertEquals(204, send("DELETE", "/api/v1/config/" + ENDPOINT_FACTORY + "~made", null).statusCode());
        assertFalse(Files.exists(file));
        assertEquals(404, platform.getAs("admin", Platform.ADMIN_PASSWORD,
                "/api/v1/config/" + ENDPOINT_FACTORY + "~made").statusCode());
    }

    @Test
    void aFeatureFromFeaturesIsInstalledThroughDeployAndUninstalledButBootFeaturesStay() throws Exception {
        JsonNode list = platform.api("/api/v1/features");
        JsonNode http = find(list.path("installed"), "id", "io.switchboard.features:switchboard-http:osgifeature:"
                + System.getProperty("switchboard.version"));
        assertTrue(http != null && http.path("boot").asBoolean(), list.toString());
        assertEquals("Switchboard HTTP", http.path("name").asText());
        assertEquals(FEATURE_ID, find(list.path("available"), "file", "it-console.json").path("id").asText());

        HttpResponse<String> install = send("POST", "/api/v1/features/install", "{\"file\": \"it-console.json\"}");
        assertEquals(200, install.statusCode(), install.body());
        assertEquals("deploy/it-console.json", JSON.readTree(install.body()).path("source").asText());
        assertEquals("ACTIVE", find(platform.api("/api/v1/bundles"), "symbolicName", "it.console.feature")
                .path("state").asText());
        assertTrue(Files.exists(platform.deploy().resolve("it-console.json")));
        assertEquals(null, find(platform.api("/api/v1/features").path("available"), "file", "it-console.json"));

        HttpResponse<String> uninstall = send("POST", "/api/v1/features/uninstall", "{\"id\": \"" + FEATURE_ID + "\"}");
        assertEquals(200, uninstall.statusCode(), uninstall.body());
        assertFalse(Files.exists(platform.deploy().resolve("it-console.json")));
        assertEquals(null, find(platform.api("/api/v1/bundles"), "symbolicName", "it.console.feature"));

        HttpResponse<String> boot = send("POST", "/api/v1/features/uninstall", "{\"id\": \"" + http.path("id").asText()
                + "\"}");
        assertEquals(409, boot.statusCode(), boot.body());
        assertTrue(boot.body().contains("boot feature"), boot.body());
        for (String bad : new String[] {"../config/x.json", "sub/x.json", "notes.txt"}) {
            HttpResponse<String> r = send("POST", "/api/v1/features/install", "{\"file\": \"" + bad + "\"}");
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
        }
    }

    @Test
    void theShippedExamplesFeatureInstallsFromTheFeaturesPage() throws Exception {
        JsonNode examples = find(platform.api("/api/v1/features").path("available"), "file", "switchboard-examples.json");
        assertEquals("Switchboard examples", examples == null ? null : examples.path("name").asText());
        HttpResponse<String> install = send("POST", "/api/v1/features/install",
                "{\"file\": \"switchboard-examples.json\"}");
        assertEquals(200, install.statusCode(), install.body());
        assertTrue(platform.awaitHttp("/hello", 200, b -> true).startsWith("Hello from Switchboard"));
        assertEquals("ACTIVE", find(platform.api("/api/v1/bundles"), "symbolicName",
                "io.switchboard.examples.shape.circle").path("state").asText());
        HttpResponse<String> uninstall = send("POST", "/api/v1/features/uninstall", "{\"id\": \""
                + JSON.readTree(install.body()).path("id").asText() + "\"}");
        assertEquals(200, uninstall.statusCode(), uninstall.body());
        platform.awaitHttp("/hello", 404, b -> true);
    }

    @Test
    void logsAreFilteredByLevelAndShowALineTheTestCaused() throws Exception {
        platform.drop("maxAttempts = lots\n".getBytes(StandardCharsets.UTF_8), ENDPOINT_FACTORY + "~broken.cfg");
        platform.awaitDeployment(ENDPOINT_FACTORY + "~broken.cfg", Platform.status("FAILED"));
        JsonNode warn = platform.api("/api/v1/logs?level=WARN&limit=500");
        for (JsonNode e : warn.path("entries")) {
            assertTrue(e.path("level").asText().matches("WARN|ERROR|AUDIT"), e.toString());
        }
        JsonNode caused = platform.api("/api/v1/logs?level=ERROR&contains=broken.cfg");
        JsonNode line = caused.path("entries").get(caused.path("entries").size() - 1);
        assertTrue(line.path("message").asText().contains("Deploy failed: deploy/" + ENDPOINT_FACTORY + "~broken.cfg"),
                caused.toString());
        assertEquals("ERROR", line.path("level").asText());
        assertEquals("io.switchboard.deployer", line.path("logger").asText());
        assertFalse(line.path("thread").asText().isEmpty());
        assertEquals(400, platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/logs?level=LOUD").statusCode());
    }
}

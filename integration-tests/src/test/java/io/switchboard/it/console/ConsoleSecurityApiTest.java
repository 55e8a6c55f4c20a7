package io.switchboard.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.switchboard.it.TestBundles;
import io.switchboard.testing.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API's and the console's security against a running platform: who may read and change what (viewer,
 * operator, admin), form login with its cookie, CSRF, lockout, API tokens, the audit log; the upload into deploy/
 * and its bad input; bundle operations; every documented GET answers; a page a bundle adds to the console.
 */
class ConsoleSecurityApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String PW = "user-secret-1";

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        String hash = Platform.hashPassword(home, PW);
        Files.writeString(home.resolve("config/users.properties"), "viewer = " + hash + ", viewer\n"
                + "ops = " + hash + ", operator\n" + "locky = " + hash + ", viewer\n" + "locky2 = " + hash + ", viewer\n");
        Files.writeString(home.resolve("config/framework.properties"), "\nswitchboard.http.upload.max = 300000\n",
                java.nio.file.StandardOpenOption.APPEND);
        platform = Platform.at(home, "data").start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    // --- who may do what ---------------------------------------------------------------------------------------

    @Test
    void aWrongPasswordIs401AndFiveOfThemLockTheNameEvenForTheRightOne() throws Exception {
        HttpResponse<String> wrong = call("GET", "/api/v1/overview", basic("locky", "nope"), null);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("wrong user name or password"), wrong.body());
        for (int i = 0; i < 4; i++) {
            assertEquals(401, call("GET", "/api/v1/overview", basic("locky", "nope"), null).statusCode());
        }
        HttpResponse<String> locked = call("GET", "/api/v1/overview", basic("locky", PW), null);
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.body().contains("too many failed logins for locky"), locked.body());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        HttpResponse<String> form = login("locky", PW);
        assertEquals(429, form.statusCode(), "the console's form is locked as well");
        assertTrue(form.body().contains("Too many failed logins"), form.body());
        assertEquals(200, call("GET", "/api/v1/overview", basic("viewer", PW), null).statusCode(),
                "other names are not locked");
        assertTrue(platform.log().contains("Login locked for user locky"), "one log line for the operator");
        assertTrue(audit().stream().anyMatch(e -> e.path("user").asText().equals("locky")
                && e.path("action").asText().startsWith("login failed")), "failed logins are audited");
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() throws Exception {
        Map<String, String> viewer = basic("viewer", PW);
        for (String path : List.of("/api/v1/overview", "/api/v1/bundles", "/api/v1/destinations", "/api/v1/routes",
                "/api/v1/delivery/endpoints", "/api/v1/config", "/api/v1/logs", "/api/v1/audit")) {
            assertEquals(200, call("GET", path, viewer, null).statusCode(), path);
        }
        for (String[] change : new String[][] {{"POST", "/api/v1/bundles/1/stop"}, {"POST", "/api/v1/deploy?name=x.jar"},
                {"POST", "/api/v1/destinations/DLQ/purge"}, {"POST", "/api/v1/routes/any/suspend"},
                {"DELETE", "/api/v1/delivery/messages?all=true"}, {"POST", "/api/v1/delivery/messages/replay"},
                {"PUT", "/api/v1/config/io.switchboard.examples.hello"}, {"POST", "/api/v1/features/install"},
                {"POST", "/api/v1/dispatch/parked/x/redispatch"}}) {
            HttpResponse<String> r = call(change[0], change[1], viewer, "{}");
            assertEquals(403, r.statusCode(), change[0] + " " + change[1] + ": " + r.body());
            assertTrue(r.body().contains("may only read"), r.body());
        }
        assertTrue(audit().stream().anyMatch(e -> e.path("user").asText().equals("viewer")
                && e.path("action").asText().equals("POST /api/v1/bundles/1/stop") && e.path("status").asInt() == 403),
                "refused changes are audited too");
    }

    @Test
    void anOperatorOperatesTrafficButDoesNotAdministerThePlatform() throws Exception {
        Map<String, String> ops = basic("ops", PW);
        HttpResponse<String> send = call("POST", "/api/v1/destinations/" + "ops.test" + "/send", ops,
                "{\"body\":\"x\"}");
        assertEquals(404, send.statusCode(), "allowed, and the address does not exist: " + send.body());
        HttpResponse<String> replay = call("POST", "/api/v1/delivery/messages/replay?endpoint=none", ops, "");
        assertEquals(200, replay.statusCode(), replay.body());
        for (String[] admin : new String[][] {{"POST", "/api/v1/bundles/1/stop"}, {"POST", "/api/v1/deploy?name=x.jar"},
                {"PUT", "/api/v1/config/io.switchboard.examples.hello"}}) {
            HttpResponse<String> r = call(admin[0], admin[1], ops, "{}");
            assertEquals(403, r.statusCode(), admin[1] + ": " + r.body());
            assertTrue(r.body().contains("only the admin role"), r.body());
        }
    }

    // --- the console's session -----------------------------------------------------------------------------------

    @Test
    void formLoginSetsAStrictHttpOnlyCookieAndChangesNeedTheSessionsCsrfToken() throws Exception {
        HttpResponse<String> page = call("GET", "/console/", Map.of(), null);
        assertEquals(302, page.statusCode(), "no session: to the login page");
        assertEquals("/console/login", page.headers().firstValue("Location").orElse(""));
        HttpResponse<String> wrong = login("admin", "wrong");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("Wrong user name or password."), wrong.body());
        HttpResponse<String> ok = login("admin", Platform.ADMIN_PASSWORD);
        assertEquals(303, ok.statusCode());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("SB_SESSION="), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: not Secure (the TLS test checks it is there over HTTPS)");
        Map<String, String> session = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
        HttpResponse<String> index = call("GET", "/console/", session, null);
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        JsonNode me = JSON.readTree(call("GET", "/api/v1/session", session, null).body());
        assertEquals("admin", me.path("user").asText());
        String csrf = me.path("csrfToken").asText();
        assertFalse(csrf.isEmpty());

        HttpResponse<String> noToken = call("POST", "/api/v1/tokens", session, "{\"name\":\"x\"}");
        assertEquals(403, noToken.statusCode(), "a change without the CSRF token");
        assertTrue(noToken.body().contains("CSRF"), noToken.body());
        HttpResponse<String> badToken = call("POST", "/api/v1/tokens", with(session, "X-CSRF-Token", "forged"),
                "{\"name\":\"x\"}");
        assertEquals(403, badToken.statusCode());
        HttpResponse<String> withToken = call("POST", "/api/v1/tokens", with(session, "X-CSRF-Token", csrf),
                "{\"name\":\"from the console\"}");
        assertEquals(201, withToken.statusCode(), withToken.body());

        HttpResponse<String> logout = call("DELETE", "/api/v1/session", with(session, "X-CSRF-Token", csrf), null);
        assertEquals(200, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, call("GET", "/api/v1/session", session, null).statusCode(), "the session is gone");
        assertEquals(302, call("GET", "/console/", session, null).statusCode());
        List<String> actions = audit().stream().filter(e -> e.path("user").asText().equals("admin"))
                .map(e -> e.path("action").asText()).toList();
        assertTrue(actions.contains("login") && actions.contains("logout")
                && actions.contains("POST /api/v1/tokens"), actions.toString());
    }

    @Test
    void anApiTokenActsAsItsOwnerWithTheRolesGivenUntilRevoked() throws Exception {
        Map<String, String> ops = basic("ops", PW);
        HttpResponse<String> refused = call("POST", "/api/v1/tokens", ops, "{\"name\":\"too much\",\"roles\":[\"admin\"]}");
        assertEquals(400, refused.statusCode(), "no role the owner lacks");
        JsonNode adminsViewerToken = JSON.readTree(call("POST", "/api/v1/tokens", basic("admin", Platform.ADMIN_PASSWORD),
                "{\"name\":\"dashboard\",\"roles\":[\"viewer\"]}").body());
        Map<String, String> readOnly = Map.of("Authorization", "Bearer " + adminsViewerToken.path("token").asText());
        assertEquals(200, call("GET", "/api/v1/bundles", readOnly, null).statusCode(), "an admin gives a read-only token");
        assertEquals(403, call("POST", "/api/v1/bundles/1/stop", readOnly, "").statusCode());
        JsonNode made = JSON.readTree(call("POST", "/api/v1/tokens", ops,
                "{\"name\":\"ci\",\"roles\":[\"operator\"]}").body());
        String token = made.path("token").asText();
        assertTrue(token.startsWith("sbt_"), made.toString());
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        JsonNode me = JSON.readTree(call("GET", "/api/v1/session", bearer, null).body());
        assertEquals("ops", me.path("user").asText());
        assertEquals("token", me.path("via").asText());
        assertEquals(200, call("POST", "/api/v1/delivery/messages/replay?endpoint=none", bearer, "").statusCode(),
                "no CSRF token needed: a bearer token is not sent by a browser on its own");
        JsonNode listed = JSON.readTree(call("GET", "/api/v1/tokens", ops, null).body());
        assertTrue(listed.toString().contains("\"ci\"") && !listed.toString().contains(token),
                "listed without its secret");
        assertEquals(404, call("DELETE", "/api/v1/tokens/" + made.path("id").asText(), basic("viewer", PW), null)
                .statusCode(), "somebody else's token is not yours to revoke");
        assertEquals(200, call("DELETE", "/api/v1/tokens/" + made.path("id").asText(), ops, null).statusCode());
        assertEquals(401, call("GET", "/api/v1/session", bearer, null).statusCode());
        // a viewer may make a token for itself, and it only reads
        JsonNode viewers = JSON.readTree(call("POST", "/api/v1/tokens", basic("viewer", PW), "{\"name\":\"dash\"}").body());
        Map<String, String> viewerToken = Map.of("Authorization", "Bearer " + viewers.path("token").asText());
        assertEquals(200, call("GET", "/api/v1/overview", viewerToken, null).statusCode());
        assertEquals(403, call("POST", "/api/v1/destinations/DLQ/purge", viewerToken, "").statusCode());
    }

    // --- deploy, bundles -----------------------------------------------------------------------------------------

    @Test
    void anUploadIsDeployedAndBadNamesOversizedFilesAndBrokenJarsAreRefusedWithNothingElseChanged()
            throws Exception {
        Map<String, String> admin = basic("admin", Platform.ADMIN_PASSWORD);
        byte[] hello = Files.readAllBytes(example("switchboard-example-hello"));
        for (String name : List.of("../evil.jar", "a/b.jar", "..%2Fevil.jar", ".hidden.jar", "x.exe", "x.sh")) {
            HttpResponse<String> r = upload(admin, name, hello);
            assertEquals(400, r.statusCode(), name + ": " + r.body());
            assertTrue(r.body().contains("a plain file name"), r.body());
        }
        try (Stream<Path> files = Files.list(platform.deploy())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("evil")
                    || p.getFileName().toString().startsWith(".")), "nothing written");
        }
        assertFalse(Files.exists(platform.home().resolve("evil.jar")));

        // curl --data-binary sends application/x-www-form-urlencoded: the body must not be taken for a form
        HttpResponse<String> ok = upload(with(admin, "Content-Type", "application/x-www-form-urlencoded"), "hello.jar",
                hello);
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode deployed = JSON.readTree(ok.body());
        assertEquals("DEPLOYED", deployed.path("status").asText());
        assertEquals("Hello from Switchboard (bundle", platform.awaitHttp("/hello", 200, b -> true).substring(0, 30));

        HttpResponse<String> big = upload(admin, "big.jar", new byte[400_000]);
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(big.body().contains("300000"), big.body());
        assertFalse(Files.exists(platform.deploy().resolve("big.jar")));

        byte[] broken = TestBundles.jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "it.broken",
                "Import-Package", "no.such.package;version=\"[9,10)\""));
        HttpResponse<String> failed = upload(admin, "broken.jar", broken);
        assertEquals(422, failed.statusCode(), failed.body());
        assertTrue(JSON.readTree(failed.body()).path("error").asText().contains("no.such.package"), failed.body());
        assertEquals(200, platform.get("/hello").statusCode(), "the bundle deployed before keeps running");
        assertTrue(JSON.readTree(call("GET", "/api/v1/overview", admin, null).body()).path("failedDeployments")
                .toString().contains("deploy/broken.jar"), "the overview shows the failed deployment");

        JsonNode bundle = null;
        for (JsonNode b : platform.api("/api/v1/bundles")) {
            if (b.path("symbolicName").asText().equals("io.switchboard.examples.hello")) {
                bundle = b;
            }
        }
        assertEquals("deploy/hello.jar", bundle.path("deployFile").asText());
        String id = bundle.path("id").asText();
        assertEquals("RESOLVED", JSON.readTree(call("POST", "/api/v1/bundles/" + id + "/stop", admin, "").body())
                .path("state").asText());
        platform.awaitHttp("/hello", 404, b -> true);
        assertEquals("ACTIVE", JSON.readTree(call("POST", "/api/v1/bundles/" + id + "/start", admin, "").body())
                .path("state").asText());
        assertEquals(409, call("POST", "/api/v1/bundles/0/stop", admin, "").statusCode(), "not the framework");
        JsonNode http = null;
        for (JsonNode b : platform.api("/api/v1/bundles")) {
            if (b.path("symbolicName").asText().equals("io.switchboard.http")) {
                http = b;
            }
        }
        assertTrue(http.path("platform").asBoolean(), http.toString());
        HttpResponse<String> console = call("POST", "/api/v1/bundles/" + http.path("id").asText() + "/stop", admin, "");
        assertEquals(409, console.statusCode(), "the console does not stop itself by a click");
        assertTrue(console.body().contains("boot feature"), console.body());
        assertEquals(409, call("POST", "/api/v1/bundles/" + http.path("id").asText() + "/uninstall", admin, "")
                .statusCode());
        assertFalse(bundle.path("platform").asBoolean());
        assertEquals(404, call("POST", "/api/v1/bundles/99999/stop", admin, "").statusCode());

        // the hello bundle adds a page to the console: listed while it runs, its module served in the console's context
        JsonNode helloPage = page("hello");
        assertEquals("Hello", helloPage.path("label").asText(), helloPage.toString());
        assertEquals("io.switchboard.examples.hello", helloPage.path("bundle").asText());
        assertEquals("/console/pages/hello/page.js", helloPage.path("module").asText());
        assertEquals("io.switchboard.delivery", page("delivery").path("bundle").asText(), "the platform's own pages too");
        assertEquals(302, call("GET", "/console/pages/hello/page.js", Map.of(), null).statusCode(), "no session, no page");
        Map<String, String> session = session("viewer");
        HttpResponse<String> contributed = call("GET", "/console/pages/hello/page.js", session, null);
        assertEquals(200, contributed.statusCode());
        assertTrue(contributed.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"),
                "a browser runs a module only when it is JavaScript: " + contributed.headers().map());
        assertTrue(contributed.body().contains("export default"), contributed.body());
        assertEquals(404, call("GET", "/console/pages/hello/io/switchboard/examples/hello/HelloPage.class", session,
                null).statusCode(), "only the page's folder of the bundle is served, not its classes");

        HttpResponse<String> removed = call("POST", "/api/v1/bundles/" + id + "/uninstall", admin, "");
        assertEquals("deploy/hello.jar", JSON.readTree(removed.body()).path("removedFile").asText());
        assertFalse(Files.exists(platform.deploy().resolve("hello.jar")), "uninstalled by deleting its file");
        platform.awaitHttp("/hello", 404, b -> true);
        assertTrue(page("hello").isMissingNode(), "its console page left with it");
        Files.delete(platform.deploy().resolve("broken.jar"));
    }

    // --- the API as documented -----------------------------------------------------------------------------------

    @Test
    void everyGetOfTheOpenApiDocumentAnswers() throws Exception {
        JsonNode doc = platform.api("/api/v1/openapi.json");
        assertEquals("3.0.3", doc.path("openapi").asText());
        List<String> unanswered = new ArrayList<>();
        int checked = 0;
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext();) {
            String path = it.next();
            JsonNode get = doc.path("paths").path(path).path("get");
            if (get.isMissingNode() || path.contains("{") || get.has("x-switchboard-feature")) {
                continue; // a path a feature this platform has not installed serves (RestContractTest installs it)
            }
            String query = path.equals("/v1/dispatch/resolve") ? "?type=x" : "";
            HttpResponse<String> r = call("GET", "/api" + path + query, basic("viewer", PW), null);
            checked++;
            if (r.statusCode() != 200) {
                unanswered.add(path + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertTrue(checked > 15, "checked " + checked);
        assertTrue(unanswered.isEmpty(), unanswered.toString());
        HttpResponse<String> unknown = call("GET", "/api/v1/nothing", basic("viewer", PW), null);
        assertEquals(404, unknown.statusCode());
        assertEquals(401, call("GET", "/api/v1/openapi.json", Map.of(), null).statusCode(), "the API needs a login");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return call("POST", "/console/login", Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    /** The entry of GET /api/v1/console/pages named {@code name}, or a missing node. */
    private static JsonNode page(String name) {
        for (JsonNode page : platform.api("/api/v1/console/pages")) {
            if (page.path("name").asText().equals(name)) {
                return page;
            }
        }
        return MissingNode.getInstance();
    }

    private static Map<String, String> session(String user) throws IOException, InterruptedException {
        String cookie = login(user, PW).headers().firstValue("Set-Cookie").orElseThrow();
        return Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
    }

    private static List<JsonNode> audit() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        platform.api("/api/v1/audit?limit=2000").forEach(entries::add);
        return entries;
    }

    private static HttpResponse<String> upload(Map<String, String> auth, String name, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort()
                + "/api/v1/deploy?name=" + name)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        auth.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> m = new java.util.HashMap<>(headers);
        m.put(name, value);
        return m;
    }

    private static Path example(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(platform.home().resolve("examples"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
        }
    }
}

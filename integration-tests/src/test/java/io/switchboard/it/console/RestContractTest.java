package io.switchboard.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testing.Platform;
import java.net.URI;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API holds to one contract, whichever bundle serves a path: the OpenAPI document names exactly the routes
 * that are registered, and what is refused is refused with a status and the {@code {"error","message"}} shape —
 * malformed JSON (400, never 500, on every POST and PUT), an unknown path (404), a wrong method (405 with Allow),
 * a missing role (403), a session without its CSRF token (403), a JSON body over 1 MiB (413).
 */
class RestContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String PW = "user-secret-1";
    private static final String MALFORMED = "{\"name\": \"x\", oops";

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        String hash = Platform.hashPassword(home, PW);
        Files.writeString(home.resolve("config/users.properties"), "viewer = " + hash + ", viewer\n"
                + "ops = " + hash + ", operator\n");
        // the bridges' resource (/api/v1/bridges) comes with a bridge feature: installed at boot, so it is checked too
        Files.copy(Path.of("../features/switchboard-bridge-http.json"), home.resolve("deploy/switchboard-bridge-http.json"));
        platform = Platform.at(home, "data").start();
        platform.awaitDeployment("switchboard-bridge-http.json", Platform.status("DEPLOYED"));
        platform.await("the bridges' resource", Duration.ofSeconds(30),
                () -> platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/bridges").statusCode() == 200);
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOneIsRegistered() throws Exception {
        Set<String> documented = new TreeSet<>();
        JsonNode paths = platform.api("/api/v1/openapi.json").path("paths");
        for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String path = it.next();
            for (Iterator<String> m = paths.path(path).fieldNames(); m.hasNext();) {
                documented.add(m.next().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        Set<String> registered = new TreeSet<>();
        JsonNode root = options("/api/");
        assertTrue(root.path("resources").size() > 10, root.toString());
        for (JsonNode pattern : root.path("resources")) {
            String probe = "/api" + pattern.asText().replace("/*", "/-");
            for (JsonNode route : options(probe).path("routes")) {
                registered.add(route.path("method").asText() + " " + route.path("path").asText());
            }
        }
        Set<String> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(registered);
        assertTrue(undocumented.isEmpty(), "registered but not in openapi.json: " + undocumented);
        assertTrue(unserved.isEmpty(), "in openapi.json but served by nobody: " + unserved);
        assertTrue(registered.size() > 40, registered.toString());
    }

    @Test
    void malformedJsonToEveryPostAndPutIs400NeverA500() throws Exception {
        JsonNode paths = platform.api("/api/v1/openapi.json").path("paths");
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String path = it.next();
            for (String method : List.of("post", "put")) {
                if (paths.path(path).path(method).isMissingNode()) {
                    continue;
                }
                String concrete = "/api" + path.replaceAll("\\{[^}]+}", "no-such-thing");
                HttpResponse<String> r = call(method.toUpperCase(Locale.ROOT), concrete, admin(), MALFORMED);
                sent++;
                if (r.statusCode() != 400 || !isError(r)) {
                    wrong.add(method + " " + path + " -> " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertTrue(sent > 20, "sent " + sent);
        assertTrue(wrong.isEmpty(), wrong.toString());
        assertEquals(200, call("GET", "/api/v1/overview", admin(), null).statusCode(), "and the platform serves");
    }

    @Test
    void refusalsKeepTheirStatusAndTheErrorShapeInEveryBundle() throws Exception {
        HttpResponse<String> unknown = call("GET", "/api/v1/dispatch/nothing", admin(), null);
        assertEquals(404, unknown.statusCode());
        assertTrue(isError(unknown) && unknown.body().contains("not-found"), unknown.body());
        assertEquals(404, call("GET", "/api/v1/nothing/at/all", admin(), null).statusCode());

        HttpResponse<String> method = call("DELETE", "/api/v1/routes", admin(), null);
        assertEquals(405, method.statusCode(), method.body());
        assertTrue(isError(method), method.body());
        assertEquals("GET", method.headers().firstValue("Allow").orElse(""));

        HttpResponse<String> role = call("POST", "/api/v1/delivery/messages/replay", basic("viewer", PW), "{}");
        assertEquals(403, role.statusCode(), role.body());
        assertTrue(isError(role), role.body());
        HttpResponse<String> admin = call("POST", "/api/v1/bundles/1/stop", basic("ops", PW), "");
        assertEquals(403, admin.statusCode(), admin.body());
        assertTrue(isError(admin) && admin.body().contains("only the admin role"), admin.body());

        String cookie = login("ops").headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> csrf = call("POST", "/api/v1/dispatch/parked/t/redispatch",
                Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))), "");
        assertEquals(403, csrf.statusCode(), csrf.body());
        assertTrue(isError(csrf), csrf.body());

        String big = "{\"name\": \"" + "x".repeat((1 << 20) + 10) + "\"}";
        HttpResponse<String> large = call("POST", "/api/v1/tokens", admin(), big);
        assertEquals(413, large.statusCode(), large.body());
        assertTrue(isError(large), large.body());
        assertEquals("no-store", call("GET", "/api/v1/routes", admin(), null).headers()
                .firstValue("Cache-Control").orElse(""), "every bundle's answers are not cached");
    }

    private static boolean isError(HttpResponse<String> r) {
        try {
            JsonNode body = JSON.readTree(r.body());
            return r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    && body.path("error").isTextual() && body.path("message").isTextual();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static JsonNode options(String path) throws Exception {
        HttpResponse<String> r = call("OPTIONS", path, admin(), null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> login(String user) throws Exception {
        return call("POST", "/console/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "user=" + user + "&password=" + PW);
    }

    private static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body)
            throws Exception {
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

    private static Map<String, String> admin() {
        return basic("admin", Platform.ADMIN_PASSWORD);
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}

package io.switchboard.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.it.conformance.StompConnection;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's HTTP and login items, each sent as reported to a running platform (raw sockets where a client would
 * normalise the input), then {@link StillServes}: unauthenticated memory exhaustion (2), dot-segment paths (6), broker
 * login throttling shared with HTTP (7), the audit trail wiped by failed logins (8), a known name locked out for
 * everyone, and tokens of demoted or removed users.
 */
class HttpHardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PW = "user-secret-1";
    private static final String ATTACKER = "127.0.0.2";
    private static final String LOCAL = "127.0.0.1";
    /** A loopback address that never fails a login in these tests. */
    private static final String CLEAN = "127.0.0.3";

    @TempDir
    static Path dir;
    static Platform platform;
    static Path home;

    @BeforeAll
    static void boot() throws Exception {
        home = Platform.unpack(dir);
        String hash = Platform.hashPassword(home, PW);
        Files.writeString(home.resolve("config/users.properties"), users(hash, "temp = " + hash + ", operator\n"
                + "gone = " + hash + ", operator\n"));
        // an audit log as the reported attack left it: lines of 200 kB user names, read back at the next start
        Path audit = home.resolve("data/http/audit.log");
        Files.createDirectories(audit.getParent());
        String huge = "{\"time\":\"2026-12-01T00:00:00Z\",\"user\":\"" + "x".repeat(200_000)
                + "\",\"action\":\"login failed (console)\",\"status\":401,\"from\":\"127.0.0.1\"}\n";
        Files.writeString(audit, "{\"time\":\"2026-12-01T00:00:00Z\",\"user\":\"admin\",\"action\":\"POST /api/v1/"
                + "bundles/3/stop\",\"status\":200,\"from\":\"127.0.0.1\"}\n" + huge.repeat(50));
        platform = Platform.at(home, "data").start();
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static String users(String hash, String more) {
        return "viewer = " + hash + ", viewer\n" + "stomper = " + hash + ", producer\n" + more;
    }

    // --- item 2 ----------------------------------------------------------------------------------------------------

    @Test
    void unauthenticatedLoginsWithHugeNamesAreRefusedEarlyAndLeaveOnlyBoundedTraces() throws Exception {
        String run1 = Files.readString(home.resolve("data-run1.log"));
        assertTrue(run1.contains("50 lines longer than 8192 bytes skipped at start"),
                "the old audit log was read back bounded");
        int port = platform.httpPort();
        long auditBefore = Files.size(platform.data().resolve("http/audit.log"));
        String hugeName = "u".repeat(200_000);
        long started = System.nanoTime();
        int refusedEarly = 0;
        for (int i = 0; i < 300; i++) {
            RawHttp.Response form = RawHttp.send(LOCAL, port, "POST", "/console/login",
                    form(hugeName + i, "x"), "Content-Type", "application/x-www-form-urlencoded");
            assertTrue(form.status() == 400 || form.status() == 413, "a 200 kB form is refused: " + form.status());
            RawHttp.Response basic = RawHttp.send(LOCAL, port, "GET", "/api/v1/overview",
                    "Authorization", RawHttp.basic("b".repeat(12_000) + i, "x"));
            assertEquals(401, basic.status(), basic.body());
            assertTrue(basic.body().contains("too long"), basic.body());
            RawHttp.Response small = RawHttp.send(LOCAL, port, "POST", "/console/login",
                    form("f".repeat(15_000) + i, "x"), "Content-Type", "application/x-www-form-urlencoded");
            assertEquals(400, small.status(), "a name over 256 characters is refused before any lookup");
            refusedEarly += 3;
        }
        RawHttp.Response header = RawHttp.send(LOCAL, port, "GET", "/api/v1/overview",
                "Authorization", RawHttp.basic(hugeName, "x"));
        assertEquals(431, header.status(), "a 200 kB header is refused by Jetty");
        System.out.printf("item 2: %d oversized logins refused in %d ms%n", refusedEarly,
                (System.nanoTime() - started) / 1_000_000);

        Path failures = platform.data().resolve("http/login-failures.log");
        List<String> lines = Files.readAllLines(failures);
        assertItemisedAtMost60AMinute(lines);
        assertTrue(lines.stream().allMatch(l -> l.length() < 1_000), "every line cut to size");
        assertTrue(Files.size(platform.data().resolve("http/audit.log")) - auditBefore < 64_000,
                "the changes file did not grow");
        for (JsonNode e : platform.api("/api/v1/audit?limit=2000")) {
            assertTrue(e.path("user").asText().length() < 100, "the audit ring holds names cut to size");
        }
        StillServes.check(platform);
    }

    // --- item 6 ----------------------------------------------------------------------------------------------------

    @Test
    void aViewerReachesNoOperatorActionThroughDotSegmentsEmptySegmentsPathParametersOrEncodedSeparators()
            throws Exception {
        String viewer = RawHttp.basic("viewer", PW);
        for (String path : new String[] {"/api/v1/tokens/../dispatch/parked/T/redispatch",
                "/api/v1/tokens/%2e%2e/dispatch/parked/T/redispatch", "/api/v1/tokens/%2E%2E/dispatch/parked/T/redispatch",
                "/api/v1/tokens%2f..%2fdispatch/parked/T/redispatch", "/api/v1/tokens/..;/dispatch/parked/T/redispatch",
                "/api/v1/tokens;x=1/../dispatch/parked/T/redispatch", "/api/v1/tokens//../../v1/dispatch/parked/T/redispatch",
                "/api/v1//dispatch/parked/T/redispatch", "/api/v1/./dispatch/parked/T/redispatch",
                "/api/v1/tokens/%252e%252e/dispatch/parked/T/redispatch", "/console/login/../../api/v1/dispatch/parked/T/redispatch"}) {
            RawHttp.Response r = RawHttp.send(LOCAL, platform.httpPort(), "POST", path, new byte[0],
                    "Authorization", viewer);
            assertTrue(r.status() == 400 || r.status() == 403 || r.status() == 404,
                    path + " -> " + r.status() + " " + r.body());
        }
        RawHttp.Response plain = RawHttp.send(LOCAL, platform.httpPort(), "POST",
                "/api/v1/dispatch/parked/T/redispatch", new byte[0], "Authorization", viewer);
        assertEquals(403, plain.status(), "the plain path: a viewer may only read");
        RawHttp.Response own = RawHttp.send(LOCAL, platform.httpPort(), "POST", "/api/v1/tokens",
                "{\"name\":\"mine\"}".getBytes(StandardCharsets.UTF_8), "Authorization", viewer,
                "Content-Type", "application/json");
        assertEquals(201, own.status(), "a viewer still manages its own tokens: " + own.body());
        for (JsonNode e : platform.api("/api/v1/audit?limit=2000&kind=changes")) {
            assertTrue(!(e.path("action").asText().contains("redispatch") && e.path("status").asInt() == 200),
                    "no redispatch was done: " + e);
        }
        StillServes.check(platform);
    }

    // --- item 7 ----------------------------------------------------------------------------------------------------

    @Test
    void brokerLoginsAreThrottledByTheSameLockoutAsHttp() throws Exception {
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            try (StompConnection stomp = new StompConnection(platform.brokerPort())) {
                StompConnection.Frame answer = stomp.connect("stomper", "guess-" + i);
                assertEquals("ERROR", answer.command(), "a wrong password over STOMP");
                refused++;
            }
        }
        try (StompConnection stomp = new StompConnection(platform.brokerPort())) {
            assertEquals("ERROR", stomp.connect("stomper", PW).command(),
                    "after five guesses the right password waits too");
        }
        platform.awaitLog(l -> l.contains("Login locked for user stomper from 127.0.0.1"), java.time.Duration.ofSeconds(5));
        RawHttp.Response http = RawHttp.send(LOCAL, platform.httpPort(), "GET", "/api/v1/overview",
                "Authorization", RawHttp.basic("stomper", PW));
        assertEquals(429, http.status(), "HTTP shares the broker's lockout: " + http.body());
        assertEquals("60", http.headers().get("retry-after"));
        try (StompConnection stomp = new StompConnection(platform.brokerPort())) {
            assertEquals("ERROR", stomp.connect("s".repeat(100_000), "x").command(),
                    "a 100 kB login name is refused before any lookup");
        }
        try (ActiveMQConnectionFactory core = new ActiveMQConnectionFactory(platform.brokerUrl(), "stomper", PW)) {
            Exception e = null;
            try (Connection c = core.createConnection()) {
                c.start();
            } catch (JMSSecurityException refusedLogin) {
                e = refusedLogin;
            }
            assertNotNull(e, "the core protocol is locked for the pair too, the right password as well");
        }
        try (StompConnection stomp = new StompConnection(CLEAN, platform.brokerPort())) {
            StompConnection.Frame answer = stomp.connect("stomper", PW);
            assertEquals("CONNECTED", answer.command(), "another address that has not failed logs in: " + answer);
        }
        System.out.println("item 7: " + refused + " STOMP guesses before the lock");
        StillServes.check(platform);
    }

    // --- item 8 ----------------------------------------------------------------------------------------------------

    @Test
    void failedLoginsCannotPushTheRecordOfChangesOutAndNamesAreLoggedCut() throws Exception {
        RawHttp.Response change = RawHttp.send(LOCAL, platform.httpPort(), "POST", "/api/v1/tokens",
                "{\"name\":\"audit-probe\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", RawHttp.basic("admin", Platform.ADMIN_PASSWORD), "Content-Type", "application/json");
        assertEquals(201, change.status(), change.body());
        long started = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            RawHttp.Response r = RawHttp.send(LOCAL, platform.httpPort(), "POST", "/console/login",
                    form("wipe" + i + "\nINFO fake line " + "w".repeat(200), "x"),
                    "Content-Type", "application/x-www-form-urlencoded");
            assertEquals(401, r.status(), r.body());
        }
        for (int i = 0; i < 5; i++) {
            RawHttp.send(LOCAL, platform.httpPort(), "POST", "/console/login",
                    form("evil\nINFO fake line " + "w".repeat(200), "guess-" + i),
                    "Content-Type", "application/x-www-form-urlencoded");
        }
        System.out.printf("item 8: 500 failed logins in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        List<JsonNode> changes = new ArrayList<>();
        platform.api("/api/v1/audit?limit=2000&kind=changes").forEach(changes::add);
        assertTrue(changes.stream().anyMatch(e -> e.path("user").asText().equals("admin")
                && e.path("action").asText().equals("POST /api/v1/tokens") && e.path("status").asInt() == 201),
                "the change is still in the audit");
        assertTrue(Files.readString(platform.data().resolve("http/audit.log")).contains("POST /api/v1/tokens"),
                "and in its file");
        assertTrue(Files.readString(platform.data().resolve("http/audit.log")).contains("bundles/3/stop"),
                "and so is the record from before the start");
        List<String> failures = Files.readAllLines(platform.data().resolve("http/login-failures.log"));
        assertItemisedAtMost60AMinute(failures);
        assertTrue(failures.stream().noneMatch(l -> l.startsWith("INFO fake line")), "control characters escaped");
        for (JsonNode e : platform.api("/api/v1/audit?limit=2000")) {
            String user = e.path("user").asText();
            assertTrue(user.length() <= 64 + 20 && user.indexOf('\n') < 0, "names are cut and escaped: " + user);
        }
        String locked = platform.awaitLog(l -> l.contains("Login locked for user evil"), java.time.Duration.ofSeconds(5));
        assertTrue(locked.contains("evil\\u000aINFO fake line ") && locked.contains("(220 chars)"),
                "the operator's log line names the user cut and escaped: " + locked);
        StillServes.check(platform);
    }

    // --- medium: the lockout by name only ----------------------------------------------------------------------------

    @Test
    void failedLoginsFromOneAddressDoNotLockAKnownNameOutForEveryone() throws Exception {
        RawHttp.Response last = null;
        for (int i = 0; i < 8; i++) {
            last = RawHttp.send(ATTACKER, platform.httpPort(), "GET", "/api/v1/overview",
                    "Authorization", RawHttp.basic("admin", "guess-" + i));
        }
        assertEquals(429, last.status(), "the guessing address is locked: " + last.body());
        RawHttp.Response right = RawHttp.send(ATTACKER, platform.httpPort(), "GET", "/api/v1/overview",
                "Authorization", RawHttp.basic("admin", Platform.ADMIN_PASSWORD));
        assertEquals(429, right.status(), "even for the right password, from there");
        platform.awaitLog(l -> l.contains("Login locked for user admin from " + ATTACKER), java.time.Duration.ofSeconds(5));
        StillServes.check(platform); // the admin logs in from 127.0.0.1, over HTTP and the broker
    }

    // --- medium: tokens not re-checked against the user store --------------------------------------------------------

    @Test
    void aTokenActsWithAtMostItsUsersCurrentRolesAndNotAtAllOnceTheUserIsRemoved() throws Exception {
        String temp = token("temp");
        String gone = token("gone");
        assertEquals(200, replay(temp).status(), "an operator's token operates");
        String hash = Files.readAllLines(home.resolve("config/users.properties")).get(0).split("=")[1].split(",")[0]
                .trim();
        Files.writeString(home.resolve("config/users.properties"), users(hash, "temp = " + hash + ", viewer\n"));
        platform.stop();
        platform.start();
        RawHttp.Response demoted = replay(temp);
        assertEquals(403, demoted.status(), "demoted to viewer: the token may only read: " + demoted.body());
        assertEquals(200, RawHttp.send(LOCAL, platform.httpPort(), "GET", "/api/v1/overview",
                "Authorization", "Bearer " + temp).status(), "and still reads");
        RawHttp.Response removed = RawHttp.send(LOCAL, platform.httpPort(), "GET", "/api/v1/overview",
                "Authorization", "Bearer " + gone);
        assertEquals(401, removed.status(), "the user is gone: so is the token");
        assertTrue(removed.body().contains("no longer exists"), removed.body());
        StillServes.check(platform);
    }

    private static String token(String user) throws IOException {
        RawHttp.Response r = RawHttp.send(LOCAL, platform.httpPort(), "POST", "/api/v1/tokens",
                "{\"name\":\"ci\"}".getBytes(StandardCharsets.UTF_8), "Authorization", RawHttp.basic(user, PW),
                "Content-Type", "application/json");
        assertEquals(201, r.status(), r.body());
        return JSON.readTree(r.body()).path("token").asText();
    }

    private static RawHttp.Response replay(String token) throws IOException {
        return RawHttp.send(LOCAL, platform.httpPort(), "POST", "/api/v1/delivery/messages/replay?endpoint=none",
                new byte[0], "Authorization", "Bearer " + token);
    }

    private static byte[] form(String user, String password) {
        return ("user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** Each minute of the failed-login file itemises at most 60 failures (a "*" line sums up the rest). */
    private static void assertItemisedAtMost60AMinute(List<String> lines) throws IOException {
        Map<String, Integer> byMinute = new java.util.TreeMap<>();
        for (String line : lines) {
            JsonNode e = JSON.readTree(line);
            if (!e.path("user").asText().equals("*")) {
                byMinute.merge(e.path("time").asText().substring(0, 16), 1, Integer::sum);
            }
        }
        assertTrue(byMinute.values().stream().allMatch(n -> n <= 60), "itemised a minute: " + byMinute);
    }
}

package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.kernel.api.Account;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session expiry, API tokens, the audit log and request paths, on a clock the test moves (the lockout is the kernel's:
 * LoginLockoutTest).
 */
class WebSecurityPartsTest {

    /** A clock that stands still until told to move. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();

    @Test
    void aSessionEndsAfterItsIdleTimeoutOrOnLogout() {
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30));
        Account ops = new Account("ops", Set.of("operator"));
        Sessions.Session s = sessions.open(ops);
        assertNotEquals(s.id, s.csrf);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.id).isPresent(), "in use: still there");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.id).isPresent(), "each request moves the idle deadline");
        clock.advance(Duration.ofMinutes(31));
        assertFalse(sessions.find(s.id).isPresent(), "idle too long: gone");
        Sessions.Session t = sessions.open(ops);
        sessions.close(t.id);
        assertFalse(sessions.find(t.id).isPresent());
        assertFalse(sessions.find(null).isPresent());
        assertFalse(sessions.find("made-up").isPresent());
    }

    @Test
    void aSessionEndsAfterTwelveHoursEvenInUse() {
        Sessions sessions = new Sessions(clock, Duration.ofMinutes(30));
        Sessions.Session s = sessions.open(new Account("ops", Set.of("operator")));
        for (int i = 0; i < 12 * 4; i++) {
            clock.advance(Duration.ofMinutes(15));
            sessions.find(s.id);
        }
        clock.advance(Duration.ofMinutes(1));
        assertFalse(sessions.find(s.id).isPresent());
    }

    @Test
    void tokensAuthenticateUntilRevokedAndOnlyTheirHashIsStored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("http/api-tokens.json");
        ApiTokens tokens = new ApiTokens(file, clock);
        ApiTokens.Made made = tokens.make(new Account("ops", Set.of("operator", "viewer")), "ci", Set.of("viewer"));
        String bearer = made.bearer();
        assertTrue(bearer.startsWith("sbt_"));
        Account a = tokens.authenticate(bearer).orElseThrow();
        assertEquals("ops", a.name());
        assertEquals(Set.of("viewer"), a.roles(), "the token has the roles it was given, not all of its owner's");
        assertFalse(Files.readString(file).contains(made.secret()), "the secret itself is never written");
        assertTrue(tokens.authenticate(bearer + "x").isEmpty());
        assertTrue(tokens.authenticate("sbt_nothing.here").isEmpty());
        assertTrue(tokens.authenticate("garbage").isEmpty());
        ApiTokens reopened = new ApiTokens(file, clock);
        assertEquals("ops", reopened.authenticate(bearer).orElseThrow().name(), "tokens survive a restart");
        reopened.revoke(made.token().id());
        assertTrue(reopened.authenticate(bearer).isEmpty());
        assertTrue(new ApiTokens(file, clock).authenticate(bearer).isEmpty(), "and so does their revocation");
    }

    @Test
    void uploadNamesArePlainFileNamesOfADeployableKind() {
        for (String ok : new String[] {"hello.jar", "my-bundle_1.2.jar", "orders.route.yaml", "io.switchboard.delivery.http~crash.cfg",
                "feature.json"}) {
            assertTrue(DeployResource.NAME.matcher(ok).matches(), ok);
        }
        for (String bad : new String[] {"../x.jar", "a/b.jar", "..\\x.jar", ".hidden.jar", "x.exe", "x.jar/", "",
                "x.jar\u0000.cfg"}) {
            assertFalse(DeployResource.NAME.matcher(bad).matches(), bad);
        }
    }

    @Test
    void rolesImplyTheLesserOnes() {
        assertEquals(Set.of("admin", "operator", "viewer"), Roles.held(new Account("a", Set.of("admin"))));
        assertEquals(Set.of("operator", "viewer"), Roles.held(new Account("o", Set.of("operator"))));
        assertEquals(Set.of("viewer", "producer"), Roles.held(new Account("v", Set.of("viewer", "producer"))));
    }

    @Test
    void theAuditLogKeepsItsEntriesAcrossARestartAndRotates(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("http/audit.log");
        try (AuditLog log = new AuditLog(file, clock, 400)) {
            log.record("admin", "POST /api/v1/bundles/3/stop", 200, "127.0.0.1");
            log.record("viewer", "POST /api/v1/bundles/3/stop", 403, "127.0.0.1");
        }
        try (AuditLog log = new AuditLog(file, clock, 400)) {
            assertEquals("viewer", log.recent(10).get(0).get("user"), "newest first, read back at start");
            assertEquals(2, log.recent(10).size());
            for (int i = 0; i < 5; i++) {
                log.record("admin", "DELETE /api/v1/delivery/messages?endpoint=e" + i, 200, "127.0.0.1");
            }
            assertTrue(Files.exists(dir.resolve("http/audit.log.1")), "rotated at its size");
            assertTrue(Files.size(file) < 400);
            assertEquals(7, log.recent(100).size(), "what the console shows is not cut by a rotation");
        }
    }

    @Test
    void failedLoginsNeverPushTheRecordOfChangesOutAndAreItemisedAtMostSixtyAMinute(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("http/audit.log");
        try (AuditLog log = new AuditLog(file, clock, 400_000)) {
            log.record("admin", "POST /api/v1/bundles/3/stop", 200, "127.0.0.1");
            for (int i = 0; i < 500; i++) {
                log.failedLogin("guess" + i, "console", 401, "127.0.0.1");
            }
            assertEquals(AuditLog.FAILURES_PER_MINUTE, Files.readAllLines(dir.resolve("http/login-failures.log"))
                    .size(), "the rest of the minute is not itemised");
            clock.advance(Duration.ofMinutes(1));
            log.failedLogin("later", "basic", 401, "127.0.0.1");
            assertTrue(Files.readString(dir.resolve("http/login-failures.log"))
                    .contains("440 more in the minute"), "but summed up in one line");
            assertEquals(1, Files.readAllLines(file).size(), "the changes file has only the change");
            assertEquals("POST /api/v1/bundles/3/stop", log.changes(10).get(0).get("action"));
            assertTrue(log.recent(AuditLog.KEPT).stream().anyMatch(e -> "admin".equals(e.get("user"))),
                    "the merged view still holds the change");
        }
    }

    @Test
    void auditFieldsAreCutToSizeWithControlCharactersEscaped(@TempDir Path dir) throws Exception {
        try (AuditLog log = new AuditLog(dir.resolve("audit.log"), clock)) {
            log.failedLogin("x".repeat(200_000), "console", 401, "127.0.0.1");
            log.record("evil\nINFO fake line", "POST /x", 403, "127.0.0.1");
            String failures = Files.readString(dir.resolve("login-failures.log"));
            assertTrue(failures.length() < 1_000, "a 200 kB name is written cut: " + failures.length() + " chars");
            assertTrue(failures.contains("(200000 chars)"), failures);
            assertEquals("evil\\u000aINFO fake line", log.changes(1).get(0).get("user"));
        }
    }

    @Test
    void theAuditLogIsReadBackBoundedWhateverLinesTheFileHolds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            huge.append("{\"user\":\"").append("y".repeat(200_000)).append("\"}\n");
        }
        huge.append("{\"time\":\"2026-11-26T11:00:00Z\",\"user\":\"admin\",\"action\":\"login\"}\n");
        Files.writeString(file, huge);
        try (AuditLog log = new AuditLog(file, clock)) {
            assertEquals(1, log.changes(100).size(), "the huge lines are skipped, not held");
            assertEquals("admin", log.changes(1).get(0).get("user"));
        }
    }

    @Test
    void aTokenOrSessionActsWithAtMostItsUsersCurrentRolesAndNotAtAllOnceTheUserIsGone() {
        Account recorded = new Account("ops", Set.of("operator", "viewer"));
        assertEquals(Set.of("viewer"), WebSecurity.current(users(new Account("ops", Set.of("viewer"))), recorded)
                .orElseThrow().roles(), "demoted: the token loses the role");
        assertEquals(Set.of("operator", "viewer"), WebSecurity.current(users(new Account("ops", Set.of("admin"))),
                recorded).orElseThrow().roles(), "promoted: the token keeps what it was given, no more");
        assertTrue(WebSecurity.current(users(null), recorded).isEmpty(), "removed: the token no longer works");
    }

    @Test
    void rawPathsThatReadTwoWaysAreRefused() {
        for (String bad : new String[] {"/api/v1/tokens/../dispatch/parked/T/redispatch", "/api/v1//tokens",
                "/api/v1/tokens;x=1/../dispatch", "/api/v1/tokens/%2e%2e/dispatch", "/api/v1/tokens%2f..%2fdispatch",
                "/api/v1/tokens/%2E%2E/dispatch", "/api/./v1/tokens", "/api/v1/tokens/..", "/api\\v1",
                "/api/v1/%252e%252e/x"}) {
            assertTrue(RequestPaths.ambiguity(bad) != null, bad);
        }
        for (String ok : new String[] {"/api/v1/dispatch/parked/T/redispatch", "/api/v1/destinations/DLQ/purge",
                "/console/", "/api/v1/config/io.switchboard.examples.hello", "/api/v1/deploy"}) {
            assertEquals(null, RequestPaths.ambiguity(ok), ok);
        }
    }

    private static io.switchboard.kernel.api.UserStore users(Account only) {
        return new io.switchboard.kernel.api.UserStore() {
            @Override
            public java.util.Optional<Account> authenticate(String name, String password) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<Account> find(String name) {
                return java.util.Optional.ofNullable(only).filter(a -> a.name().equals(name));
            }
        };
    }
}

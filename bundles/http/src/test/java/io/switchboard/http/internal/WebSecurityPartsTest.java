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

/** Lockout, session expiry and API tokens, on a clock the test moves. */
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
    void fiveFailedPasswordsLockTheNameForAMinuteWhateverTheNextPassword() {
        LoginGuard guard = new LoginGuard(clock);
        for (int i = 0; i < LoginGuard.MAX_FAILURES - 1; i++) {
            guard.failed("Ops", "10.0.0.1");
        }
        assertTrue(guard.lockedFor("ops").isZero(), "four failures do not lock");
        guard.failed("ops", "10.0.0.2");
        assertEquals(LoginGuard.LOCK, guard.lockedFor("OPS"), "the fifth locks the name, whatever its case");
        assertTrue(guard.lockedFor("somebody-else").isZero());
        clock.advance(LoginGuard.LOCK.plusSeconds(1));
        assertTrue(guard.lockedFor("ops").isZero(), "the lock ends");
        guard.failed("ops", "10.0.0.1");
        assertTrue(guard.lockedFor("ops").isZero(), "and the count starts again");
    }

    @Test
    void aSuccessClearsTheCountAndOldFailuresAreForgotten() {
        LoginGuard guard = new LoginGuard(clock);
        for (int i = 0; i < 4; i++) {
            guard.failed("ops", "x");
        }
        guard.succeeded("ops");
        guard.failed("ops", "x");
        assertTrue(guard.lockedFor("ops").isZero());
        for (int i = 0; i < 3; i++) {
            guard.failed("ops", "x");
        }
        clock.advance(LoginGuard.WINDOW.plusSeconds(1));
        guard.failed("ops", "x");
        assertTrue(guard.lockedFor("ops").isZero(), "failures outside the window do not add up");
    }

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
    void theUploadNameIsReadFromTheQueryStringDecoded() {
        assertEquals("a b.jar", DeployResource.queryParameter("x=1&name=a%20b.jar", "name"));
        assertEquals("../x.jar", DeployResource.queryParameter("name=..%2Fx.jar", "name"));
        assertEquals(null, DeployResource.queryParameter("other=1", "name"));
        assertEquals(null, DeployResource.queryParameter(null, "name"));
    }

    @Test
    void rolesImplyTheLesserOnes() {
        assertEquals(Set.of("admin", "operator", "viewer"), Roles.held(new Account("a", Set.of("admin"))));
        assertEquals(Set.of("operator", "viewer"), Roles.held(new Account("o", Set.of("operator"))));
        assertEquals(Set.of("viewer", "producer"), Roles.held(new Account("v", Set.of("viewer", "producer"))));
    }

    @Test
    void madeUpNamesDoNotGrowTheLockoutTableWithoutEnd() {
        LoginGuard guard = new LoginGuard(clock);
        for (int i = 0; i < LoginGuard.TRACKED; i++) {
            guard.failed("guess" + i, "x");
        }
        clock.advance(LoginGuard.WINDOW.plusSeconds(1));
        guard.failed("one-more", "x");
        assertTrue(guard.tracked() < 10, "old entries dropped: " + guard.tracked());
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
}

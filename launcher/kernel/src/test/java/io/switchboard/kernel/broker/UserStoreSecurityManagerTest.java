package io.switchboard.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.LoginAttempt;
import java.time.Duration;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.junit.jupiter.api.Test;

/** The broker's logins go through the platform's login guard; its answer decides, and a lock is never cached. */
class UserStoreSecurityManagerTest {

    @Test
    void anAcceptedLoginCarriesTheAccountsRolesAndOnlyThoseAuthorize() throws Exception {
        var manager = new UserStoreSecurityManager((name, password, from) -> new LoginAttempt(
                LoginAttempt.Result.ACCEPTED, new Account(name, Set.of("producer")), Duration.ZERO));
        Subject s = manager.authenticate("app", "pw", null, null);
        Role producer = new Role("producer", true, false, false, false, false, false, false, false, false, false,
                false, false);
        Role consumer = new Role("consumer", false, true, false, false, false, false, false, false, false, false,
                false, false);
        assertTrue(manager.authorize(s, Set.of(producer, consumer), CheckType.SEND, "orders"));
        assertFalse(manager.authorize(s, Set.of(producer, consumer), CheckType.CONSUME, "orders"));
        assertFalse(manager.authorize(null, Set.of(producer), CheckType.SEND, "orders"));
    }

    @Test
    void aWrongPasswordIsNoSubjectAndALockIsNotAVerdictArtemisMayCache() throws Exception {
        var refused = new UserStoreSecurityManager((n, p, f) -> new LoginAttempt(LoginAttempt.Result.REFUSED, null,
                Duration.ZERO));
        assertNull(refused.authenticate("app", "nope", null, null));
        var locked = new UserStoreSecurityManager((n, p, f) -> new LoginAttempt(LoginAttempt.Result.LOCKED, null,
                Duration.ofSeconds(60)));
        assertTrue(assertThrows(NoCacheLoginException.class, () -> locked.authenticate("app", "pw", null, null))
                .getMessage().contains("locked for 60 s"));
    }

    @Test
    void theTwoArgumentFormsAskTheSameGuardAndALockRefuses() {
        var accepted = new UserStoreSecurityManager((n, p, f) -> new LoginAttempt(LoginAttempt.Result.ACCEPTED,
                new Account(n, Set.of("producer")), Duration.ZERO));
        Role producer = new Role("producer", true, false, false, false, false, false, false, false, false, false,
                false, false);
        assertTrue(accepted.validateUser("app", "pw"));
        assertTrue(accepted.validateUserAndRole("app", "pw", Set.of(producer), CheckType.SEND));
        assertFalse(accepted.validateUserAndRole("app", "pw", Set.of(producer), CheckType.CONSUME));
        var locked = new UserStoreSecurityManager((n, p, f) -> new LoginAttempt(LoginAttempt.Result.LOCKED, null,
                Duration.ofSeconds(60)));
        assertFalse(locked.validateUser("app", "pw"));
        assertFalse(locked.validateUserAndRole("app", "pw", Set.of(producer), CheckType.SEND));
    }

    @Test
    void theLockoutCountsTheClientsHostNotItsPort() {
        assertEquals("127.0.0.1", UserStoreSecurityManager.host("/127.0.0.1:51234"));
        assertEquals("0:0:0:0:0:0:0:1", UserStoreSecurityManager.host("/[0:0:0:0:0:0:0:1]:51234"));
        assertEquals("10.0.0.7", UserStoreSecurityManager.host("client.example/10.0.0.7:5"));
        assertEquals("invm", UserStoreSecurityManager.host("invm:0"));
        assertEquals("unknown", UserStoreSecurityManager.host(null));
    }
}

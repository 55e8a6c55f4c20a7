package io.switchboard.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserStoreTest {

    @TempDir
    Path dir;

    @Test
    void firstBootGeneratesAnAdminPasswordWrittenOnceAndStoredHashed() throws IOException {
        FileUserStore store = FileUserStore.open(dir.resolve("users.properties"), dir, null);
        Path secretFile = dir.resolve(FileUserStore.INITIAL_PASSWORD_FILE);
        String password = Files.readString(secretFile).trim();
        assertTrue(store.authenticate("admin", password).orElseThrow().hasRole("admin"));
        String stored = Files.readString(dir.resolve("users.properties"));
        assertFalse(stored.contains(password), "the data file holds only the hash");
        assertTrue(stored.contains("pbkdf2-sha256:"));

        Files.delete(secretFile);
        FileUserStore again = FileUserStore.open(dir.resolve("users.properties"), dir, null);
        assertFalse(Files.exists(secretFile), "a second boot generates nothing");
        assertTrue(again.authenticate("admin", password).isPresent());
    }

    @Test
    void environmentPasswordSetsTheAdminAndIsKeptOncePersisted() throws IOException {
        FileUserStore.open(dir.resolve("users.properties"), dir, null);
        String generated = Files.readString(dir.resolve(FileUserStore.INITIAL_PASSWORD_FILE)).trim();
        FileUserStore store = FileUserStore.open(dir.resolve("users.properties"), dir, "from-env");
        assertTrue(store.authenticate("admin", "from-env").isPresent());
        assertTrue(store.authenticate("admin", generated).isEmpty(), "the environment overrides the stored one");

        store.persistAdminPassword();
        FileUserStore later = FileUserStore.open(dir.resolve("users.properties"), dir, null);
        assertTrue(later.authenticate("admin", "from-env").isPresent(), "kept without the variable");
        assertFalse(Files.readString(dir.resolve("users.properties")).contains("from-env"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() throws IOException {
        FileUserStore store = FileUserStore.open(dir.resolve("users.properties"), dir, "pw");
        assertTrue(store.authenticate("admin", "nope").isEmpty());
        assertTrue(store.authenticate("nobody", "pw").isEmpty());
        assertTrue(store.authenticate("admin", "pw").isPresent(), "cached success");
        assertTrue(store.authenticate("admin", "nope").isEmpty(), "the cache never admits another password");
    }

    @Test
    void configuredUsersCarryTheirRoles() throws IOException {
        Files.writeString(dir.resolve("users.properties"),
                "app = " + PasswordHash.hash("apppw") + ", producer, consumer\n");
        FileUserStore store = FileUserStore.open(dir.resolve("users.properties"), dir.resolve("data"), "x");
        assertEquals(Set.of("producer", "consumer"), store.authenticate("app", "apppw").orElseThrow().roles());
    }

    @Test
    void aPlainTextPasswordInTheFileIsRefusedWithTheUserNamed() throws IOException {
        Files.writeString(dir.resolve("users.properties"), "bob = secret, admin\n");
        IOException e = assertThrows(IOException.class,
                () -> FileUserStore.open(dir.resolve("users.properties"), dir.resolve("data"), "x"));
        assertTrue(e.getMessage().contains("user 'bob'"), e.getMessage());
    }

    @Test
    void transientAccountsLiveOnlyInMemory() throws IOException {
        FileUserStore store = FileUserStore.open(dir.resolve("users.properties"), dir, null);
        store.addTransient("kernel", "k", Set.of("admin"));
        assertTrue(store.authenticate("kernel", "k").isPresent());
        assertTrue(store.authenticate("kernel", "K").isEmpty());
        assertFalse(Files.readString(dir.resolve("users.properties")).contains("kernel"));
    }
}

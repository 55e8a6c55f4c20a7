package io.switchboard.kernel.security;

import io.switchboard.kernel.api.Account;
import io.switchboard.kernel.api.UserStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform user store, in two properties files of lines {@code name = pbkdf2-sha256:..., role, role}:
 * {@code config/users.properties} (users an operator manages with the configuration) and
 * {@code data/users.properties} (users the platform itself created: the first admin). A user in the data file
 * overrides one of the same name in the config file.
 *
 * <p>KDF verification costs ~0.3 s by design, and the broker and HTTP authenticate often, so a successful
 * verification is remembered as a SHA-256 of (hash line, password) — a cache that holds no password and is
 * invalidated by any change of the stored hash.
 */
public final class FileUserStore implements UserStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileUserStore.class);
    public static final String ADMIN = "admin";
    public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";

    private final Map<String, Entry> users;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final Map<String, Account> transientAccounts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> transientSecrets = new ConcurrentHashMap<>();

    private record Entry(String hash, Set<String> roles) {
    }

    private final Path dataFile;
    private final Map<String, Entry> created;
    private volatile String pendingAdminPassword;

    private FileUserStore(Map<String, Entry> users, Path dataFile, Map<String, Entry> created) {
        this.users = new ConcurrentHashMap<>(users);
        this.dataFile = dataFile;
        this.created = created;
    }

    /**
     * Loads both files and makes sure an admin exists: {@code adminPassword} (from
     * {@code SWITCHBOARD_ADMIN_PASSWORD}) sets it; without it, the first boot generates one and writes it once
     * to {@code data/initial-admin-password}.
     */
    public static FileUserStore open(Path configFile, Path dataDir, String adminPassword) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>(read(configFile));
        Path dataFile = dataDir.resolve("users.properties");
        Map<String, Entry> created = new LinkedHashMap<>(read(dataFile));
        users.putAll(created);
        if (adminPassword != null && !adminPassword.isEmpty()) {
            // This run, the environment decides, checked in memory; storing its hash (a KDF) waits until after
            // boot: see persistAdminPassword().
            FileUserStore store = new FileUserStore(users, dataFile, created);
            store.addTransient(ADMIN, adminPassword, Set.of("admin"));
            store.pendingAdminPassword = adminPassword;
            return store;
        }
        if (!users.containsKey(ADMIN)) {
            String generated = PasswordHash.randomPassword();
            created.put(ADMIN, new Entry(PasswordHash.hash(generated), Set.of("admin")));
            write(dataFile, created);
            Path secret = dataDir.resolve(INITIAL_PASSWORD_FILE);
            writePrivate(secret, generated + "\n");
            LOG.info("Generated the admin password: user 'admin', password in " + secret);
        }
        users.putAll(created);
        return new FileUserStore(users, dataFile, created);
    }

    /**
     * Stores the password {@code SWITCHBOARD_ADMIN_PASSWORD} gave this run, hashed, so a later start without the
     * variable keeps it. Runs the KDF (~0.3 s), so the kernel calls it after the ready line.
     */
    public void persistAdminPassword() {
        String password = pendingAdminPassword;
        if (password == null) {
            return;
        }
        Entry stored = users.get(ADMIN);
        if (stored != null && PasswordHash.verify(password, stored.hash())) {
            return;
        }
        Entry admin = new Entry(PasswordHash.hash(password), Set.of("admin"));
        created.put(ADMIN, admin);
        try {
            write(dataFile, created);
            users.put(ADMIN, admin);
            LOG.info("Admin password set from SWITCHBOARD_ADMIN_PASSWORD");
        } catch (IOException e) {
            LOG.warn("Admin password from SWITCHBOARD_ADMIN_PASSWORD not stored: {}: {}", dataFile, e.getMessage());
        }
    }

    @Override
    public Optional<Account> authenticate(String name, String password) {
        if (UserStore.oversized(name, password)) {
            return Optional.empty(); // before any lookup or hashing: a huge credential costs nothing
        }
        byte[] secret = transientSecrets.get(name);
        if (secret != null) {
            return MessageDigest.isEqual(secret, password.getBytes(StandardCharsets.UTF_8))
                    ? Optional.of(transientAccounts.get(name)) : Optional.empty();
        }
        Entry entry = users.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        byte[] token = token(entry.hash(), password);
        byte[] known = verified.get(name);
        if (known == null || !MessageDigest.isEqual(known, token)) {
            if (!PasswordHash.verify(password, entry.hash())) {
                return Optional.empty();
            }
            verified.put(name, token);
        }
        return Optional.of(new Account(name, entry.roles()));
    }

    @Override
    public Optional<Account> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Account transientAccount = transientAccounts.get(name);
        if (transientAccount != null) {
            return Optional.of(transientAccount);
        }
        Entry entry = users.get(name);
        return entry == null ? Optional.empty() : Optional.of(new Account(name, entry.roles()));
    }

    /**
     * Adds an account that exists only in memory for this run (the kernel's own broker user, with a random
     * password that never leaves the process), compared directly rather than through the KDF.
     */
    public void addTransient(String name, String password, Set<String> roles) {
        transientAccounts.put(name, new Account(name, roles));
        transientSecrets.put(name, password.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] token(String hash, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(hash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> users = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return users;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        for (String name : p.stringPropertyNames()) {
            String[] parts = p.getProperty(name).split(",");
            String hash = parts[0].trim();
            if (!hash.startsWith(PasswordHash.SCHEME + ":")) {
                throw new IOException(file + ": user '" + name + "': the password must be a " + PasswordHash.SCHEME
                        + " hash (make one with: ./switchboard hash-password), never plain text");
            }
            Set<String> roles = new LinkedHashSet<>();
            Arrays.stream(parts).skip(1).map(String::trim).filter(s -> !s.isEmpty()).forEach(roles::add);
            users.put(name, new Entry(hash, roles));
        }
        return users;
    }

    private static void write(Path file, Map<String, Entry> users) throws IOException {
        StringBuilder text = new StringBuilder("# Users the platform created. Format: name = hash, role, role\n");
        users.forEach((name, e) -> text.append(name).append(" = ").append(e.hash())
                .append(e.roles().isEmpty() ? "" : ", " + String.join(", ", e.roles())).append('\n'));
        writePrivate(file, text.toString());
    }

    /** Writes through a temporary file and an atomic rename, readable by the owner only. */
    private static void writePrivate(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            w.write(text);
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's permissions apply
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

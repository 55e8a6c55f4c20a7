package io.switchboard.http.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.kernel.api.Account;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens made in the console for scripts: {@code Authorization: Bearer sbt_<id>.<secret>}. A token acts as its
 * owner with the roles given when it was made (at most the owner's). Only a SHA-256 of the secret is kept, in
 * {@code data/http/api-tokens.json}; the token itself is shown once, when it is made.
 */
final class ApiTokens {

    static final String PREFIX = "sbt_";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is stored of a token; {@code hash} is the hex SHA-256 of its secret. */
    record Token(String id, String name, String owner, Set<String> roles, String created, String hash) {
        Map<String, Object> describe() {
            return Map.of("id", id, "name", name, "owner", owner, "roles", roles, "created", created);
        }
    }

    /** A token just made: the only time its secret is known. */
    record Made(Token token, String secret) {
        String bearer() {
            return PREFIX + token.id() + "." + secret;
        }
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    ApiTokens(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        if (Files.exists(file)) {
            try {
                for (Token t : JSON.readValue(file.toFile(), new TypeReference<List<Token>>() { })) {
                    tokens.put(t.id(), t);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": not a token list (" + e.getMessage() + ")", e);
            }
        }
    }

    synchronized Made make(Account owner, String name, Set<String> roles) {
        String id = Sessions.random().substring(0, 12);
        String secret = Sessions.random();
        Token t = new Token(id, name, owner.name(), Set.copyOf(roles), clock.instant().toString(), sha256(secret));
        tokens.put(id, t);
        save();
        return new Made(t, secret);
    }

    List<Token> list() {
        return tokens.values().stream().sorted((a, b) -> a.created().compareTo(b.created())).toList();
    }

    Optional<Token> find(String id) {
        return Optional.ofNullable(tokens.get(id));
    }

    synchronized void revoke(String id) {
        if (tokens.remove(id) == null) {
            throw new NoSuchElementException("no API token " + id);
        }
        save();
    }

    /** The account a bearer token stands for; empty for an unknown, revoked or malformed one. */
    Optional<Account> authenticate(String bearer) {
        if (bearer == null || !bearer.startsWith(PREFIX) || bearer.indexOf('.') < 0) {
            return Optional.empty();
        }
        String id = bearer.substring(PREFIX.length(), bearer.indexOf('.'));
        Token t = tokens.get(id);
        if (t == null || !MessageDigest.isEqual(t.hash().getBytes(StandardCharsets.US_ASCII),
                sha256(bearer.substring(bearer.indexOf('.') + 1)).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Account(t.owner(), t.roles()));
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), new ArrayList<>(list()));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}

package io.switchboard.bridge.http.internal;

import io.switchboard.kernel.api.Durations;
import io.switchboard.kernel.api.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One HTTP out instance's configuration, checked: every refusal names the field.
 *
 * @param instance the instance (the delivery endpoint's name and the target {@code http-out:<instance>})
 * @param url the URL template
 * @param method the method
 * @param headers the configured headers, including the login's {@code Authorization}
 * @param timeout connect and response timeout
 * @param ssl the TLS context with the configured truststore, or null for the JDK's
 * @param sign how requests are signed: null, {@code hmac-sha256} or {@code standard-webhooks}
 * @param key the signing key
 * @param required whether the platform waits for it
 */
record HttpOutSettings(String instance, String url, String method, Map<String, String> headers, Duration timeout,
        SSLContext ssl, String sign, byte[] key, boolean required) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** Headers Java's HTTP client sets itself and refuses to take. */
    private static final Set<String> CLIENT_SETS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    static HttpOutSettings of(String instance, HttpOutConfiguration c) {
        String url = c.url() == null ? "" : c.url().trim();
        URI probe;
        try {
            probe = URI.create(url.replaceAll("\\{[^}]*}", "x"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url = '" + Secrets.mask(url) + "' is not a URL: " + e.getMessage());
        }
        if (probe.getScheme() == null || !(probe.getScheme().equals("http") || probe.getScheme().equals("https"))
                || probe.getHost() == null) {
            throw new IllegalArgumentException("url = '" + Secrets.mask(url) + "' must be an http:// or https:// URL");
        }
        String method = c.method() == null ? "POST" : c.method().trim().toUpperCase(Locale.ROOT);
        if (!Set.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
            throw new IllegalArgumentException("method = '" + c.method() + "' is not one of POST, PUT, PATCH, DELETE");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : c.headers()) {
            if (h.isBlank()) {
                continue;
            }
            int colon = h.indexOf(':');
            String name = colon < 0 ? "" : h.substring(0, colon).trim();
            String value = colon < 0 ? "" : h.substring(colon + 1).trim();
            if (!TOKEN.matcher(name).matches() || CLIENT_SETS.contains(name.toLowerCase(Locale.ROOT))
                    || value.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
                throw new IllegalArgumentException("headers: '" + Secrets.mask(h) + "' must be 'Name: value' with a "
                        + "header name Java's HTTP client may set and no control character");
            }
            headers.put(name, value);
        }
        switch (c.auth() == null ? "none" : c.auth().trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> { }
            case "basic" -> {
                if (c.user().isBlank()) {
                    throw new IllegalArgumentException("user is required with auth = basic");
                }
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
            }
            case "bearer" -> {
                if (c.token().isBlank()) {
                    throw new IllegalArgumentException("token is required with auth = bearer");
                }
                headers.put("Authorization", "Bearer " + c.token().trim());
            }
            default -> throw new IllegalArgumentException("auth = '" + c.auth() + "' is not one of none, basic, bearer");
        }
        String sign = c.sign() == null ? "none" : c.sign().trim().toLowerCase(Locale.ROOT);
        byte[] key = null;
        switch (sign) {
            case "none", "" -> sign = null;
            case "hmac-sha256" -> key = requireSecret(c, sign).getBytes(StandardCharsets.UTF_8);
            case "standard-webhooks" -> {
                try {
                    key = Signatures.standardKey(requireSecret(c, sign).trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("secret must be whsec_ followed by base64 with sign = "
                            + "standard-webhooks");
                }
            }
            default -> throw new IllegalArgumentException("sign = '" + c.sign()
                    + "' is not one of none, hmac-sha256, standard-webhooks");
        }
        return new HttpOutSettings(instance, url, method, headers, Durations.parse("timeout", c.timeout()),
                ssl(c.truststore(), c.truststorePassword()), sign, key, c.required());
    }

    private static String requireSecret(HttpOutConfiguration c, String sign) {
        if (c.secret() == null || c.secret().isBlank()) {
            throw new IllegalArgumentException("secret is required with sign = " + sign);
        }
        return c.secret();
    }

    private static SSLContext ssl(String truststore, String password) {
        if (truststore == null || truststore.isBlank()) {
            return null;
        }
        Path file = Path.of(truststore.trim());
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password == null || password.isEmpty() ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("truststore = '" + truststore + "' cannot be read: " + e.getMessage());
        }
    }
}

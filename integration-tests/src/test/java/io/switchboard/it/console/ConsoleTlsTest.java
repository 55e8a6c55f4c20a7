package io.switchboard.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS by configuration: with {@code http.tls.keystore} set, the HTTP port serves HTTPS only (the ready line says
 * https), and the console's session cookie is marked Secure; the session ends after the configured idle time.
 */
class ConsoleTlsTest {

    @TempDir
    Path dir;

    @Test
    void withAKeystoreConfiguredHttpServesTlsOnlyAndTheSessionCookieIsSecure() throws Exception {
        Path home = Platform.unpack(dir);
        Path keystore = home.resolve("config/https.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "switchboard", "-keyalg", "EC", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "tls-secret", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertEquals(0, keytool.waitFor(), out);
        Files.writeString(home.resolve("config/switchboard.properties"),
                "\nhttp.tls.keystore = config/https.p12\nhttp.tls.keystore.password = tls-secret\n",
                StandardOpenOption.APPEND);
        // and a short idle timeout, to see a session end
        Files.writeString(home.resolve("config/framework.properties"), "\nswitchboard.http.session.idle = 3s\n",
                StandardOpenOption.APPEND);
        Platform platform = Platform.at(home, "data").start();
        try {
            assertTrue(platform.log().contains("(HTTP https://127.0.0.1:" + platform.httpPort()), "the ready line");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                trust.load(in, "tls-secret".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
            String base = "https://127.0.0.1:" + platform.httpPort();
            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + Platform.ADMIN_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode(), login.body());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly"), cookie);
            HttpRequest session = HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build();
            assertEquals(200, https.send(session, HttpResponse.BodyHandlers.ofString()).statusCode());
            // Time passing is the input of this rule (idle longer than switchboard.http.session.idle), and any probe
            // with the cookie would touch the session: these two waits are the rule's clock, not a guess at a signal.
            // The timeout's arithmetic is tested against a fixed clock in the http bundle (WebSecurityPartsTest).
            Thread.sleep(1_000);
            assertEquals(200, https.send(session, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "in use: the idle deadline moves");
            Thread.sleep(4_500);
            HttpResponse<String> idle = https.send(session, HttpResponse.BodyHandlers.ofString());
            assertEquals(401, idle.statusCode(), "idle longer than switchboard.http.session.idle");
            assertTrue(idle.body().contains("expired"), idle.body());
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest overHttp = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.httpPort()
                    + "/health/live")).timeout(Duration.ofSeconds(5)).build();
            try {
                HttpResponse<String> r = plain.send(overHttp, HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() >= 400, "plain HTTP gets no service: " + r.statusCode());
            } catch (IOException refused) {
                // a TLS port hangs up on plain HTTP: as good
            }
        } finally {
            platform.close();
        }
    }
}

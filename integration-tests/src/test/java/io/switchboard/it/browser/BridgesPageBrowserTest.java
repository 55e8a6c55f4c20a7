package io.switchboard.it.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Chromium;
import io.switchboard.testing.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Bridges page, contributed by the bridges bundle once a bridge feature is installed: one row per instance with
 * its state and counters, a refused configuration among them as FAILED with the field it names, and the settings of
 * an instance with its secret masked.
 */
class BridgesPageBrowserTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dir;
    static Platform platform;
    static Chromium browser;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
        platform.drop(Path.of("../features/switchboard-bridge-http.json"), "switchboard-bridge-http.json");
        platform.awaitDeployment("switchboard-bridge-http.json", Platform.status("DEPLOYED"));
        platform.drop(("path = github\nauth = hmac-sha256\nsecret = do-not-show-me\nto = jms:queue:github.events\n")
                .getBytes(StandardCharsets.UTF_8), "io.switchboard.bridge.http.in~github.cfg");
        platform.drop("auth = none\nto = jms:queue:x\n".getBytes(StandardCharsets.UTF_8),
                "io.switchboard.bridge.http.in~broken.cfg");
        platform.awaitDeployment("io.switchboard.bridge.http.in~broken.cfg", Platform.status("FAILED"));
        platform.await("the github webhook", Duration.ofSeconds(30), () -> platform.getAs("admin",
                Platform.ADMIN_PASSWORD, "/api/v1/bridges/http.in~github").body().contains("\"CONNECTED\""));
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + platform.httpPort() + "/hooks/github"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(refused.statusCode() == 401, refused.body());
        browser = Chromium.on(platform, dir);
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theBridgesPageListsEachInstanceWithItsStateAndMasksItsSecrets() {
        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        browser.element("#nav a[data-page=bridges]").click();
        WebElement github = browser.element("tr[data-bridge='http.in~github']");
        assertTrue(github.getText().contains("CONNECTED"), github.getText());
        assertTrue(github.getText().contains("Signature"), "the refused call's reason: " + github.getText());
        WebElement broken = browser.element("tr[data-bridge='http.in~broken']");
        assertTrue(broken.getText().contains("FAILED") && broken.getText().contains("path"), broken.getText());
        github.findElement(By.cssSelector("button.link")).click();
        WebElement panel = browser.element("#main .panel");
        browser.await(d -> panel.getText().contains("secret") ? panel : null);
        assertTrue(panel.getText().contains("********") && !panel.getText().contains("do-not-show-me"), panel.getText());
        browser.screenshot(SCREENSHOTS, "30-bridges");
    }
}

package io.switchboard.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testing.Chromium;
import io.switchboard.testing.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console of a platform booted without the delivery feature: the Delivery page belongs to the delivery bundle,
 * so it is not there, while the pages of the bundles that run are.
 */
class ConsoleWithoutDeliveryBrowserTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dir;
    static Platform platform;
    static Chromium browser;

    @BeforeAll
    static void boot() throws Exception {
        Path home = Platform.unpack(dir);
        Path settings = home.resolve("config/switchboard.properties");
        String all = Files.readString(settings);
        String withoutDelivery = all.replaceFirst("(?m)^(boot\\.features\\s*=.*), switchboard-delivery(.*)$", "$1$2");
        assertNotEquals(all, withoutDelivery, "the distribution boots the delivery feature: take it out");
        Files.writeString(settings, withoutDelivery);
        platform = Platform.at(home, "data").start();
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
    void withoutTheDeliveryFeatureTheConsoleHasNoDeliveryPage() {
        // rule: a console page comes with the bundle that owns its data; no delivery bundle, no Delivery page
        List<String> contributed = new ArrayList<>();
        for (JsonNode page : platform.api("/api/v1/console/pages")) {
            contributed.add(page.path("name").asText());
        }
        assertEquals(List.of("dispatch", "routes"), contributed);

        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        List<String> nav = browser.await(d -> {
            List<String> pages = d.findElements(By.cssSelector("#nav a")).stream()
                    .map(a -> a.getAttribute("data-page")).toList();
            return pages.contains("routes") ? pages : null;
        });
        assertEquals(List.of("overview", "bundles", "features", "config", "destinations", "dispatch", "routes", "logs",
                "audit", "tokens"), nav);
        browser.element("#nav a[data-page=routes]").click();
        browser.element("#main table, #main p.muted + div > p.muted");
        browser.screenshot(SCREENSHOTS, "20-without-delivery");

        browser.open("/console/#/delivery/hooks"); // a bookmark from a platform with delivery: the overview instead
        browser.element(".cards .card");
        assertEquals("Overview · Switchboard", browser.driver().getTitle());
    }
}

package io.switchboard.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.it.TestBundles;
import io.switchboard.it.bundles.QuietActivator;
import io.switchboard.testing.Chromium;
import io.switchboard.testing.Platform;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web console in the machine's headless Chromium against a real platform: log in, upload bundles, retry a dead
 * letter, read a route, text from messages shown as text, what a viewer may not do, the keyboard; and a screenshot
 * of every page in {@code target/screenshots/} for a person to look at.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String XSS = "<img src=x onerror=alert(1)><script>alert(1)</script>";
    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "viewer-pw";
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dir;
    static Platform platform;
    static Chromium browser;
    static HttpServer hooks;
    static volatile int hookStatus = 400;

    @BeforeAll
    static void boot() throws Exception {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(hookStatus, -1);
            exchange.close();
        });
        hooks.start();
        Path home = Platform.unpack(dir);
        Files.writeString(home.resolve("config/users.properties"),
                VIEWER + " = " + Platform.hashPassword(home, VIEWER_PASSWORD) + ", viewer\n");
        platform = Platform.at(home, "data").start();
        platform.awaitLog(l -> l.contains("Delivery store ready"), Duration.ofSeconds(60));
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
        if (hooks != null) {
            hooks.stop(0);
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsSaidAndTheRightOneLandsOnTheOverviewWithTheVersion() {
        // rule: the form login refuses a wrong password visibly and lets the right one in
        browser.driver().manage().deleteAllCookies();
        browser.open("/console/");
        browser.await(d -> d.getCurrentUrl().endsWith("/console/login"));
        fill("admin", "not-the-password");
        assertTrue(browser.element("p.error[role=alert]").getText().contains("Wrong user name or password"));
        fill("admin", Platform.ADMIN_PASSWORD);
        String version = System.getProperty("switchboard.version");
        WebElement card = browser.await(d -> d.findElements(By.cssSelector(".cards .card")).stream()
                .filter(c -> c.getText().startsWith("Version")).findFirst().orElse(null));
        assertTrue(card.getText().contains(version), card.getText());
        assertEquals("Overview · Switchboard", browser.driver().getTitle());
        assertTrue(browser.element("#who").getText().startsWith("admin"));
    }

    @Test
    @Order(2)
    void anUploadedBundleRunsAndABadOneShowsItsErrorWhileTheFirstKeepsRunning() throws Exception {
        // rule: the Bundles page deploys an uploaded jar, and shows why another failed without harming the first
        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        browser.open("/console/#/bundles");
        upload(Path.of(System.getProperty("switchboard.example.hello")).toRealPath());
        browser.await(d -> bundleRow("io.switchboard.examples.hello").contains("ACTIVE"));

        Path bad = dir.resolve("unresolvable.jar");
        Files.write(bad, TestBundles.bundle("it.unresolvable", "1.0.0",
                Map.of("Import-Package", "com.example.nowhere;version=\"[1,2)\""), QuietActivator.class));
        upload(bad.toRealPath());
        String error = browser.await(d -> d.findElements(By.cssSelector("p.error[role=alert]")).stream()
                .map(WebElement::getText).filter(t -> t.contains("unresolvable.jar")).findFirst().orElse(null));
        assertTrue(error.contains("failed to deploy") && error.contains("com.example.nowhere"), error);
        assertTrue(bundleRow("io.switchboard.examples.hello").contains("ACTIVE"));
        assertTrue(bundleRow("io.switchboard.examples.hello").contains("Uninstall"), "an admin has the actions");
    }

    @Test
    @Order(3)
    void aDeadDeliveryRetriedFromItsDetailIsDelivered() throws Exception {
        // rule: "Retry now" on a DEAD message sends it again, and the page shows it DELIVERED
        String id = deadHook();
        hookStatus = 200;
        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        browser.open("/console/#/delivery/hooks");
        openDeliveryDetail(id);
        assertTrue(browser.element(".split .panel").getText().contains("DEAD"));
        button(".split .panel", "Retry now").click();
        browser.await(d -> {
            openDeliveryDetail(id); // the detail shows one moment: open it again until the retry happened
            return d.findElement(By.cssSelector(".split .panel p .badge")).getText().equals("DELIVERED");
        });
        assertEquals("DELIVERED", messageState(id));
    }

    @Test
    @Order(4)
    void aRouteShowsItsStepCountersAndItsSource() throws Exception {
        // rule: the Routes page lists a dropped route and shows its per-step counters and source file
        platform.drop(Path.of("../examples/routes/orders.route.yaml"), "orders.route.yaml");
        platform.awaitDeployment("orders.route.yaml", Platform.status("DEPLOYED"));
        try (JMSContext jms = jms()) {
            for (String body : List.of("{\"country\":\"DE\",\"total\":5}", "{\"country\":\"FR\",\"total\":500}",
                    "{\"country\":\"FR\",\"total\":7}")) {
                jms.createProducer().send(jms.createQueue("orders.in"), body);
            }
        }
        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        browser.open("/console/#/routes");
        browser.element("tr[data-route=orders] a").click();
        browser.await(d -> d.getCurrentUrl().endsWith("#/routes/orders"));
        browser.await(d -> {
            for (WebElement row : d.findElements(By.cssSelector("#steps tbody tr"))) {
                List<WebElement> cells = row.findElements(By.tagName("td"));
                if (cells.get(1).getText().equals("choice")) {
                    return cells.get(3).getText().equals("3") && cells.get(4).getText().equals("3");
                }
            }
            return false;
        });
        String source = browser.await(d -> {
            String text = d.findElement(By.cssSelector("pre[aria-label='Route source']")).getText();
            return text.contains("deadLetterUri") ? text : null;
        });
        assertTrue(source.startsWith("# deploy/orders.route.yaml") || source.contains("orders.route.yaml"), source);
        assertTrue(source.contains("jsonpath: \"$[?(@.total > 100)]\""), source);
    }

    @Test
    @Order(5)
    void markupInBodiesAndHeadersIsShownAsTextOnDestinationsAndDelivery() throws Exception {
        // rule: what a message carries is text, never markup, wherever the console shows it
        try (JMSContext jms = jms()) {
            TextMessage m = jms.createTextMessage(XSS);
            m.setStringProperty("note", XSS);
            jms.createProducer().send(jms.createQueue("browser.xss"), m);
        }
        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        browser.open("/console/#/destinations/browser.xss");
        List<WebElement> pre = browser.await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#main .panel pre"));
            return found.size() >= 2 ? found : null;
        });
        assertTrue(pre.get(0).getText().contains("note: " + XSS), "properties: " + pre.get(0).getText());
        assertEquals(XSS, pre.get(1).getText(), "body");
        assertTrue(browser.element("tr[data-queue='browser.xss']").getText().contains("browser.xss"), "the queue is listed");
        assertNoMarkupFrom();

        String id = deadHook();
        browser.open("/console/#/delivery/hooks");
        openDeliveryDetail(id);
        WebElement panel = browser.element(".split .panel");
        assertEquals(XSS, panel.findElement(By.tagName("textarea")).getAttribute("value"));
        assertTrue(panel.getText().contains(XSS), "the header is shown as text: " + panel.getText());
        assertNoMarkupFrom();
    }

    @Test
    @Order(6)
    void aViewerSeesNoActionOnBundlesAndDelivery() throws Exception {
        // rule: the console offers a viewer nothing to click that changes state
        browser.logIn(VIEWER, VIEWER_PASSWORD);
        assertTrue(browser.element("#who").getText().contains("viewer"));
        browser.open("/console/#/bundles");
        browser.await(d -> bundleRow("io.switchboard.examples.hello").contains("ACTIVE"));
        assertTrue(browser.driver().findElements(By.cssSelector("input[type=file]")).isEmpty(), "no upload form");
        assertTrue(browser.driver().findElements(By.cssSelector("#main table button")).isEmpty(), "no bundle actions");

        browser.open("/console/#/delivery/hooks");
        String id = browser.element("#main .split tbody tr[data-message] button").getText();
        assertFalse(id.isEmpty());
        for (String label : List.of("Replay dead (this filter)", "Purge (this filter)")) {
            assertTrue(buttons("#main", label).isEmpty(), label + " is offered to a viewer");
        }
        browser.element("#main .split tbody tr[data-message] button").click();
        browser.element(".split .panel textarea");
        assertTrue(buttons(".split .panel", "Retry now").isEmpty(), "Retry now is offered to a viewer");
        assertTrue(buttons(".split .panel", "Save body and retry").isEmpty());
        assertEquals("true", browser.element(".split .panel textarea").getAttribute("readonly"));
    }

    @Test
    @Order(7)
    void theLoginFormWorksWithTheKeyboardAndEveryPageLinkTakesFocus() {
        // rule: a keyboard user can log in (Tab, Enter) and reach every page of the navigation
        browser.driver().manage().deleteAllCookies();
        browser.open("/console/login");
        WebDriver d = browser.driver();
        browser.await(x -> "user".equals(x.switchTo().activeElement().getAttribute("id")));
        d.switchTo().activeElement().sendKeys("admin", Keys.TAB);
        assertEquals("password", d.switchTo().activeElement().getAttribute("id"));
        d.switchTo().activeElement().sendKeys(Platform.ADMIN_PASSWORD, Keys.ENTER);
        browser.element(".cards .card");

        // the platform's pages, the console's own and those of the dispatch, delivery and routing bundles (the hello
        // example's, deployed by an earlier test, comes after them, under its group)
        int links = d.findElements(By.cssSelector("#nav a:not([data-page=hello])")).size();
        assertEquals(11, links, "the platform's pages are in the navigation");
        List<String> focused = new ArrayList<>();
        for (int i = 0; i < 40 && focused.size() < links; i++) {
            new Actions(d).sendKeys(Keys.TAB).perform();
            WebElement now = d.switchTo().activeElement();
            if (now.getAttribute("data-page") != null && !focused.contains(now.getAttribute("data-page"))) {
                focused.add(now.getAttribute("data-page"));
            }
        }
        assertEquals(List.of("overview", "bundles", "features", "config", "destinations", "dispatch", "delivery",
                "routes", "logs", "audit", "tokens"), focused);
        WebElement bundles = d.findElement(By.cssSelector("#nav a[data-page=bundles]"));
        bundles.sendKeys(Keys.ENTER);
        browser.await(x -> x.getCurrentUrl().endsWith("#/bundles") && "page".equals(
                x.findElement(By.cssSelector("#nav a[data-page=bundles]")).getAttribute("aria-current")));
    }

    @Test
    @Order(8)
    void aBundlesPageIsRenderedInsideTheConsoleWithItsSessionAndLeavesWithTheBundle() throws Exception {
        // rule: a @ConsolePage module runs in the console itself (no frame), as the logged-in user, while its bundle runs
        browser.logIn(VIEWER, VIEWER_PASSWORD);
        WebElement link = browser.element("#nav a[data-page=hello]");
        assertEquals("Examples", link.findElement(By.xpath("../preceding-sibling::li[@class='group'][1]"))
                .getAttribute("textContent"), "listed under its group, after the platform's pages");
        link.click();
        WebElement panel = browser.await(d -> d.findElements(By.cssSelector("#main .panel")).stream()
                .filter(p -> p.getText().contains("GET /hello answers")).findFirst().orElse(null));
        assertTrue(panel.getText().contains("seen by " + VIEWER), panel.getText());
        assertTrue(panel.getText().contains("io.switchboard.examples.hello"), panel.getText());
        assertEquals("Hello from a bundle", browser.element("#main h1").getText());
        assertEquals("Hello · Switchboard", browser.driver().getTitle());
        assertTrue(browser.driver().findElements(By.tagName("iframe")).isEmpty(), "no frame");

        Path jar = platform.deploy().resolve(Path.of(System.getProperty("switchboard.example.hello")).getFileName());
        byte[] bundle = Files.readAllBytes(jar);
        Files.delete(jar);
        browser.await(d -> d.findElements(By.cssSelector("#nav a[data-page=hello]")).isEmpty());
        platform.drop(bundle, jar.getFileName().toString());
        browser.element("#nav a[data-page=hello]");
    }

    @Test
    @Order(9)
    void everyPageIsCapturedForReview() throws Exception {
        // rule: each page renders its content (no error notice); the screenshots are for a person to judge
        browser.driver().manage().deleteAllCookies();
        browser.open("/console/login");
        browser.element("#user");
        browser.screenshot(SCREENSHOTS, "00-login");
        browser.logIn("admin", Platform.ADMIN_PASSWORD);
        capture("01-overview", "overview", ".cards .card");
        capture("02-bundles", "bundles", "tr[data-bundle]");
        capture("03-features", "features", "#main h2");
        capture("04-configuration", "config", "#main table");
        browser.element("#main table tbody tr button").click();
        browser.element("#main form[aria-label^=Configuration]");
        shot("04-configuration");
        capture("05-destinations", "destinations/orders.de", "#main .panel table");
        browser.element("tr[data-queue='orders.de']");
        shot("05-destinations");
        capture("06-dispatch", "dispatch", "#main h2 + div > *");
        capture("07-delivery", "delivery/hooks", "#main tr[data-message]");
        browser.element("#main tr[data-message] button").click();
        browser.element(".split .panel textarea");
        shot("07-delivery");
        capture("08-routes", "routes/orders", "#steps table");
        browser.element("pre[aria-label='Route source']");
        browser.await(d -> !d.findElement(By.cssSelector("pre[aria-label='Route source']")).getText().startsWith("Loading"));
        shot("08-routes");
        capture("09-logs", "logs", "#main table");
        capture("10-audit", "audit", "#main table");
        capture("11-tokens", "tokens", "#main > div:last-child > *");
        capture("12-hello", "hello", "#main .panel b");
        browser.await(d -> d.findElement(By.cssSelector("#main .panel")).getText().contains("GET /hello answers"));
        shot("12-hello");
    }

    private static void capture(String name, String hash, String content) {
        browser.open("/console/#/" + hash);
        browser.element(content);
        shot(name);
    }

    private static void shot(String name) {
        List<String> errors = browser.driver().findElements(By.cssSelector("#main .error[role=alert], #toast .bad"))
                .stream().map(WebElement::getText).toList();
        String text = browser.element("#main").getText();
        browser.screenshot(SCREENSHOTS, name);
        assertTrue(errors.isEmpty(), name + " shows errors: " + errors);
        assertTrue(text.lines().noneMatch(l -> l.equals("null") || l.equals("undefined")), name + " shows a null:\n" + text);
    }

    private static void fill(String user, String password) {
        WebElement name = browser.element("#user");
        name.clear();
        name.sendKeys(user);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private static void upload(Path jar) {
        WebElement file = browser.element("form[aria-label='Upload to deploy/'] input[type=file]");
        file.sendKeys(jar.toString());
        browser.driver().findElement(By.cssSelector("form[aria-label='Upload to deploy/'] button[type=submit]")).click();
        browser.await(d -> d.findElement(By.cssSelector("form[aria-label='Upload to deploy/'] button")).isEnabled()
                && !d.findElement(By.cssSelector("#main [role=status]")).getText().startsWith("Uploading"));
    }

    private static String bundleRow(String symbolicName) {
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr[data-bundle='" + symbolicName + "']"));
        return rows.isEmpty() ? "" : rows.get(0).getText();
    }

    private static List<WebElement> buttons(String within, String label) {
        return browser.driver().findElements(By.cssSelector(within + " button")).stream()
                .filter(b -> b.getText().equals(label)).toList();
    }

    private static WebElement button(String within, String label) {
        return browser.await(d -> buttons(within, label).stream().findFirst().orElse(null));
    }

    /** Opens the detail of the stored message whose message id is {@code id} from the list of the Delivery page. */
    private static void openDeliveryDetail(String id) {
        browser.element("#main tr[data-message='" + id + "'] button").click();
        browser.await(d -> d.findElements(By.cssSelector(".split .panel h2")).stream()
                .anyMatch(h -> h.getText().equals(id)));
    }

    /** No element made from message content: the only images are the logo, the only script the console's own. */
    private static void assertNoMarkupFrom() {
        WebDriver d = browser.driver();
        assertTrue(d.findElements(By.cssSelector("img[src=x]")).isEmpty(), "an img element was made from a message");
        assertTrue(d.findElements(By.cssSelector("body script")).isEmpty(), "a script element was made from a message");
    }

    /** Sends a message to the hook endpoint while it answers 400, and waits until it is DEAD; returns its message id. */
    private static String deadHook() throws Exception {
        hookStatus = 400;
        if (platform.deployment("io.switchboard.delivery.http~hooks.cfg") == null) {
            platform.drop(("url = http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks\n")
                    .getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.http~hooks.cfg");
            platform.awaitDeployment("io.switchboard.delivery.http~hooks.cfg", Platform.status("DEPLOYED"));
        }
        List<String> before = new ArrayList<>();
        platform.api("/api/v1/delivery/messages?endpoint=hooks&limit=200").path("items")
                .forEach(item -> before.add(item.path("messageId").asText()));
        try (JMSContext jms = jms()) {
            TextMessage m = jms.createTextMessage(XSS);
            m.setStringProperty("note", XSS);
            jms.createProducer().send(jms.createQueue("switchboard.deliver.hooks"), m);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode item : platform.api("/api/v1/delivery/messages?endpoint=hooks&state=DEAD&limit=200").path("items")) {
                if (!before.contains(item.path("messageId").asText())) {
                    return item.path("messageId").asText();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the message never became DEAD: "
                + platform.api("/api/v1/delivery/messages?endpoint=hooks") + "\n" + platform.log());
    }

    private static String messageState(String messageId) {
        for (JsonNode item : platform.api("/api/v1/delivery/messages?endpoint=hooks&limit=200").path("items")) {
            if (item.path("messageId").asText().equals(messageId)) {
                return item.path("state").asText();
            }
        }
        return null;
    }

    private static JMSContext jms() {
        return new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD).createContext();
    }
}

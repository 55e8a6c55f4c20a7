package io.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's headless Chromium ({@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}) on a
 * platform's console. Nothing is downloaded: the driver and the browser are named, so Selenium Manager never runs.
 * Needs {@code org.seleniumhq.selenium:selenium-chrome-driver} and {@code selenium-support} on the class path.
 */
public final class Chromium implements AutoCloseable {

    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final String base;

    private Chromium(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A browser on the platform's HTTP port, its profile in a fresh folder under {@code scratch}. */
    public static Chromium on(Platform platform, Path scratch) throws IOException {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Chromium(driver, "http://127.0.0.1:" + platform.httpPort());
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the platform, e.g. {@code /console/#/bundles}. */
    public void open(String path) {
        driver.get(base + path);
    }

    /** Forgets the session and logs in through the form as a person would. */
    public void logIn(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/console/login");
        WebElement name = driver.findElement(By.id("user"));
        name.clear();
        name.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await(d -> !d.findElements(By.cssSelector("#who")).isEmpty()
                && !d.findElement(By.id("who")).getText().isEmpty());
    }

    /** Waits up to 20 s for the condition to hold (a non-null, non-false value), returning it. */
    public <T> T await(Function<WebDriver, T> condition) {
        // pages re-render as they poll: an element found a moment ago may be gone, which is no answer yet
        return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The first element matching the selector, once it is there. */
    public WebElement element(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Runs {@code js} in every page this browser loads from now on, before the page's own scripts. */
    public void beforeEveryPage(String js) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", js));
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Saves a screenshot of the whole page (up to 3000 px high) as {@code dir/name.png}. */
    public Path screenshot(Path dir, String name) {
        Dimension window = driver.manage().window().getSize();
        try {
            Files.createDirectories(dir);
            long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
            // the window grows to the page so the screenshot shows what a reader would scroll to
            driver.manage().window().setSize(new Dimension(window.getWidth(),
                    (int) Math.min(3000, Math.max(window.getHeight(), height + 140))));
            Path target = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

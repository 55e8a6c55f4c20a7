package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Switchboard started from the built distribution as a separate process ({@code bin/switchboard run}), on
 * free ports, with its own data folder: what a user gets, observed only from outside (log, HTTP, broker).
 */
public final class Platform implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "it-admin-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path data;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int httpPort;
    private final int brokerPort;
    private Process process;
    private Path log;
    private int runs;

    private Platform(Path home, Path data, int httpPort, int brokerPort, String adminPassword) {
        this.home = home;
        this.data = data;
        this.httpPort = httpPort;
        this.brokerPort = brokerPort;
        env.put("SWITCHBOARD_HOME", home.toString());
        env.put("SWITCHBOARD_DATA", data.toString());
        env.put("SWITCHBOARD_HTTP_PORT", Integer.toString(httpPort));
        env.put("SWITCHBOARD_BROKER_PORT", Integer.toString(brokerPort));
        env.put("SWITCHBOARD_ADMIN_PASSWORD", adminPassword);
    }

    /** Prepares an unpacked home before its first start (users, configuration files). */
    @FunctionalInterface
    public interface HomeSetup {
        void prepare(Path home) throws IOException, InterruptedException;
    }

    /**
     * A platform for a whole test JVM: unpacked into a temporary folder, prepared, started, and stopped and
     * deleted when the JVM exits. Suites that share one call this once (lazily) and keep the result.
     */
    public static Platform startForJvm(String prefix, HomeSetup setup) {
        try {
            Path scratch = Files.createTempDirectory(prefix);
            Path home = unpack(scratch);
            setup.prepare(home);
            Platform platform = at(home, "data").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    platform.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                try (var all = Files.walk(scratch)) {
                    all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a left-over temporary folder is harmless
                }
            }));
            return platform;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(prefix + " platform did not start", e);
        }
    }

    /** Unpacks the distribution archive the system property {@code switchboard.distribution} names into {@code dir}. */
    public static Path unpack(Path dir) throws IOException, InterruptedException {
        return unpack(Path.of(System.getProperty("switchboard.distribution")), dir);
    }

    /** Unpacks a distribution archive into {@code dir}; returns its home (the archive's top folder). */
    public static Path unpack(Path archive, Path dir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(archive + " is missing: build the distribution first (mvn package)");
        }
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", dir.toString())
                .inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed on " + archive);
        }
        try (var top = Files.list(dir)) {
            return top.filter(p -> p.getFileName().toString().startsWith("switchboard-") && Files.isDirectory(p))
                    .findFirst().orElseThrow(() -> new IOException(archive + " has no switchboard-* folder"));
        }
    }

    /**
     * A password hash for {@code config/users.properties}, made the documented way: {@code bin/switchboard
     * hash-password} of an unpacked home.
     */
    public static String hashPassword(Path home, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(home.resolve("bin/switchboard").toString(), "hash-password", password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("hash-password failed: " + out);
        }
        return out;
    }

    /** A platform on an unpacked home, with its own data folder under it. */
    public static Platform at(Path home, String dataName) {
        return new Platform(home, home.resolve(dataName), freePort(), freePort(), ADMIN_PASSWORD);
    }

    /**
     * A platform somebody else started (never stopped from here): its home (for {@code deploy/}), its ports
     * and its admin password.
     */
    public static Platform attach(Path home, int httpPort, int brokerPort, String adminPassword) {
        return new Platform(home, home.resolve("data"), httpPort, brokerPort, adminPassword);
    }

    /** The environment the platform is started with (ports, home, data, admin password). */
    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    public Platform env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path home() {
        return home;
    }

    public Path data() {
        return data;
    }

    public Path deploy() {
        return home.resolve("deploy");
    }

    public int httpPort() {
        return httpPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts {@code bin/switchboard run} and waits for the ready line. */
    public Platform start() throws IOException, InterruptedException {
        log = data.getParent().resolve(data.getFileName() + "-run" + (++runs) + ".log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/switchboard").toString(), "run")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        process = pb.start();
        try {
            awaitLog(line -> line.contains("Switchboard ready in"), Duration.ofSeconds(90));
        } catch (AssertionError | InterruptedException notReady) {
            // a platform that never became ready is not left running behind the failed test
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw notReady;
        }
        return this;
    }

    /** SIGTERM, as a service manager would; returns the exit code. */
    public int stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return process == null ? 0 : process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("no exit within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The platform's output so far; empty for a platform this harness did not start as a process. */
    public String log() {
        if (log == null) {
            return "";
        }
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the first log line that matches; fails at once if the platform exits meanwhile. */
    public String awaitLog(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        try {
            return waiting(timeout, Duration.ofMillis(10)).until(() -> firstLine(wanted), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("log line not seen within " + timeout + ":\n" + log()
                    + "\nthreads of the platform:\n" + threadDump());
        }
    }

    /**
     * Waits until the condition holds (an API state, a metric, a count of log lines), looking every 25 ms; fails
     * saying what never happened, with the platform's log. A condition that throws fails the wait at once.
     */
    public void await(String what, Duration atMost, Callable<Boolean> condition) {
        try {
            waiting(atMost, Duration.ofMillis(25)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + atMost + ": " + what + "\nlog:\n" + log());
        }
    }

    private String firstLine(Predicate<String> wanted) {
        for (String line : log().split("\n")) {
            if (wanted.test(line)) {
                return line;
            }
        }
        if (!process.isAlive()) {
            throw new AssertionError("Switchboard exited (" + process.exitValue() + "):\n" + log());
        }
        return null;
    }

    /**
     * An Awaitility wait that looks at once and then every {@code every}: what every wait of this harness is
     * built on. A condition that throws fails the wait at once.
     */
    private static ConditionFactory waiting(Duration atMost, Duration every) {
        return Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(every);
    }

    /** The platform's threads ({@code jcmd Thread.print}), for a test that waited in vain; empty when unavailable. */
    private String threadDump() {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** Copies into deploy/ the way the README says: a hidden temporary name, then an atomic rename. */
    public void drop(Path source, String name) throws IOException {
        Path tmp = deploy().resolve("." + name + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, deploy().resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public void drop(byte[] content, String name) throws IOException {
        Path tmp = deploy().resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, deploy().resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> getAs(String user, String password, String path) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + auth).GET().build());
    }

    public JsonNode api(String path) {
        HttpResponse<String> r = getAs("admin", env.get("SWITCHBOARD_ADMIN_PASSWORD"), path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deployment entry of a file in deploy/, or null. */
    public JsonNode deployment(String file) {
        for (JsonNode d : api("/api/v1/deployments")) {
            if (d.path("file").asText().equals("deploy/" + file)) {
                return d;
            }
        }
        return null;
    }

    /** The queue's entry in {@code /api/v1/destinations} (depth, messagesAdded, consumers...), or null. */
    public JsonNode queue(String name) {
        for (JsonNode q : api("/api/v1/destinations").path("queues")) {
            if (q.path("name").asText().equals(name)) {
                return q;
            }
        }
        return null;
    }

    /** Waits until the file's deployment satisfies the condition; fails with the whole list otherwise. */
    public JsonNode awaitDeployment(String file, Predicate<JsonNode> wanted) throws InterruptedException {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            // a Boolean condition: Awaitility's value-and-predicate form never hands the predicate a null ("gone")
            waiting(Duration.ofSeconds(20), Duration.ofMillis(25)).until(() -> {
                last.set(deployment(file));
                return wanted.test(last.get());
            });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("deployment of " + file + " never matched; last: " + last.get() + "\nlog:\n"
                    + log());
        }
    }

    public static Predicate<JsonNode> status(String status) {
        return d -> d != null && status.equals(d.path("status").asText());
    }

    /** Waits until GET path answers the status (and the body matches); returns the body. */
    public String awaitHttp(String path, int status, Predicate<String> body) throws InterruptedException {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        try {
            return waiting(Duration.ofSeconds(20), Duration.ofMillis(25)).until(() -> get(path),
                    r -> {
                        last.set(r);
                        return r.statusCode() == status && body.test(r.body());
                    }).body();
        } catch (ConditionTimeoutException e) {
            HttpResponse<String> r = last.get();
            throw new AssertionError("GET " + path + " never answered " + status + "; last: "
                    + (r == null ? null : r.statusCode() + " " + r.body()) + "\nlog:\n" + log());
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

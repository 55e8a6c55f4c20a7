package io.switchboard.benchmarks;

import io.switchboard.testing.Platform;
import jakarta.jms.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A folder of small files to a queue, each file taken only once it is durably on the queue, then moved away:
 * Switchboard's file bridge ({@code io.switchboard.bridge.file.in}, {@code stableFor = 0}, {@code interval = 100ms},
 * an atomic rename into {@code .inprogress/}, the route's transaction, then {@code done/}; in-VM to its broker) against
 * Camel 4's {@code file:} component ({@code readLock=rename} — its atomic claim —, {@code delay=100},
 * {@code move=done}) → {@code jms:} with a persistent, synchronous send over TCP through a
 * {@code CachingConnectionFactory}. Both single-threaded pollers, as each is configured by default. The files are
 * written first (atomically, by rename), then the consumer starts; the figure is files / (start → the queue's
 * {@code messagesAdded} reaching the count). Runs alternate.
 *
 * <p>Arguments: {@code [files per run=5000] [runs=5]}.
 */
public final class FileFolderBenchmark {

    public static void main(String[] args) {
        BenchClients.main(args, FileFolderBenchmark::run);
    }

    private static void run(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path scratch = Files.createTempDirectory("switchboard-file-bench");
        Platform platform = Platform.startForJvm("switchboard-file-bench", home ->
                Files.copy(home.resolve("features/switchboard-bridge-file.json"),
                        home.resolve("deploy/switchboard-bridge-file.json")));
        platform.awaitDeployment("switchboard-bridge-file.json", Platform.status("DEPLOYED"));
        ConnectionFactory tcp = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        String started = Instant.now().toString();
        // warm-up, not recorded
        switchboard(platform, scratch, "warm", Math.min(n, 1000));
        camel(platform, tcp, scratch, "warm", Math.min(n, 1000));
        for (int r = 1; r <= runs; r++) {
            for (int k = 0; k < 2; k++) {
                boolean camelNow = (r + k) % 2 == 0;
                String name = camelNow ? "Camel 4 file: (readLock=rename, move=done) → jms:, persistent send over TCP"
                        : "Switchboard file bridge (rename claim, route transaction, done/; in-VM broker)";
                double rate = camelNow ? camel(platform, tcp, scratch, "r" + r, n)
                        : switchboard(platform, scratch, "r" + r, n);
                System.out.printf("  %s: %.0f files/s%n", name, rate);
                figures.computeIfAbsent(name, x -> new ArrayList<>()).add(rate);
            }
        }
        System.out.printf("%nFile folder → queue, run started %s: %d files of ~40 bytes per figure, %d runs%n%n"
                + "| figure | files/s median (min–max) |%n|---|---|%n", started, n, runs);
        figures.forEach((name, list) -> {
            double[] v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("| %s | %.0f (%.0f–%.0f) |%n", name, v[v.length / 2], v[0], v[v.length - 1]);
        });
        platform.close();
    }

    private static Path files(Path scratch, String name, int n) throws Exception {
        Path dir = Files.createDirectories(scratch.resolve(name));
        for (int i = 0; i < n; i++) {
            Path tmp = dir.resolve(".f" + i + ".tmp");
            Files.writeString(tmp, "{\"order\":" + i + ",\"total\":12.5}", StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("f" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
        }
        return dir;
    }

    private static double awaitQueue(Platform platform, String queue, int n, long t0) {
        platform.await(n + " on " + queue, Duration.ofMinutes(10), () -> {
            var q = platform.queue(queue);
            return q != null && q.path("messagesAdded").asLong() >= n;
        });
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double switchboard(Platform platform, Path scratch, String run, int n) throws Exception {
        Path dir = files(scratch, "sb-" + run, n);
        String queue = "bench.files.sb." + run;
        long t0 = System.nanoTime();
        platform.drop(("folder = " + dir + "\nto = jms:queue:" + queue + "\nstableFor = 0\ninterval = 100ms\n")
                .getBytes(StandardCharsets.UTF_8), "io.switchboard.bridge.file.in~bench" + run + ".cfg");
        double rate = awaitQueue(platform, queue, n, t0);
        Files.delete(platform.deploy().resolve("io.switchboard.bridge.file.in~bench" + run + ".cfg"));
        return rate;
    }

    private static double camel(Platform platform, ConnectionFactory tcp, Path scratch, String run, int n)
            throws Exception {
        Path dir = files(scratch, "camel-" + run, n);
        String queue = "bench.files.camel." + run;
        CamelContext context = new DefaultCamelContext();
        org.springframework.jms.connection.CachingConnectionFactory cached =
                new org.springframework.jms.connection.CachingConnectionFactory(tcp);
        context.addComponent("jms", JmsComponent.jmsComponent(cached));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + dir + "?readLock=rename&delay=100&move=done&include=.*\\.json")
                        .convertBodyTo(String.class)
                        .to("jms:queue:" + queue + "?deliveryPersistent=true");
            }
        });
        long t0 = System.nanoTime();
        context.start();
        double rate = awaitQueue(platform, queue, n, t0);
        context.close();
        cached.destroy();
        return rate;
    }
}

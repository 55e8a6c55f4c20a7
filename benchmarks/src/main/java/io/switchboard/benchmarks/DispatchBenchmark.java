package io.switchboard.benchmarks;

import io.switchboard.benchmarks.bundle.RawDrain;
import io.switchboard.client.DispatchClient;
import io.switchboard.dispatch.Message;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;

/**
 * Dispatch throughput and request/reply latency, with raw JMS and Apache Camel 4 measured in the same run on the
 * same broker. Runs the built distribution as a separate process with the benchmark bundle deployed.
 *
 * <p>One-way: {@code n} 1 KB JSON messages are preloaded (the dispatcher stopped), then drained; the rate is
 * taken on the consumer side from the first to the last message handled. Request/reply: sequential, after a
 * warm-up; in-VM from a bundle through the Messenger, TCP from this JVM.
 *
 * <p>Arguments: {@code [n] [runs] [requests] [all|one-way|request-reply]}, defaults 20000, 3, 2000, all.
 */
public final class DispatchBenchmark {

    private static final int CAMEL_TRANSACTED_SAMPLE = 3_000;

    private final Platform platform;
    private final ConnectionFactory tcp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    private boolean recording;

    private DispatchBenchmark(Platform platform) {
        this.platform = platform;
        this.tcp = new ActiveMQConnectionFactory(platform.brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
    }

    public static void main(String[] args) throws Exception {
        final int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int n = messages;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        String only = args.length > 3 ? args[3] : "all"; // all, one-way or request-reply
        Platform platform = Platform.startForJvm("switchboard-bench", home -> { });
        platform.drop(Path.of(System.getProperty("bench.bundle")), "bench.jar");
        platform.awaitDeployment("bench.jar", Platform.status("DEPLOYED"));
        DispatchBenchmark bench = new DispatchBenchmark(platform);
        for (int run = 0; run <= runs; run++) {
            // run 0 warms the JIT up (a fifth of the messages) and is not recorded
            bench.recording = run > 0;
            n = run == 0 ? Math.max(1000, messages / 5) : messages;
            System.out.println(run == 0 ? "warm-up" : "run " + run + " of " + runs);
            for (boolean persistent : only.equals("request-reply") ? new boolean[0] : new boolean[] {true, false}) {
                String kind = persistent ? "persistent" : "non-persistent";
                // The first persistent drain of a round pays for the journal work the previous round left behind
                // (measured: whichever goes first is up to 30% slower), so dispatch and its raw peer take turns.
                String raw = "one-way " + kind + ": raw JMS consume in-VM (same sessions, batches, JSON decode), msg/s";
                String dispatch = "one-way " + kind + ": dispatch (in-VM consumers), msg/s";
                if (run % 2 == 0) {
                    bench.record(raw, bench.rawInVm(n, persistent));
                    bench.record(dispatch, bench.dispatchOneWay(n, persistent));
                } else {
                    bench.record(dispatch, bench.dispatchOneWay(n, persistent));
                    bench.record(raw, bench.rawInVm(n, persistent));
                }
                bench.record("one-way " + kind + ": raw JMS consume over TCP, msg/s", bench.rawTcp(n, persistent));
                bench.record("one-way " + kind + ": Camel 4 JMS → bean over TCP" + (persistent ? ", transacted" : "")
                        + ", msg/s", bench.camelOneWay(n, persistent));
            }
            if (!only.equals("one-way")) {
                bench.requestReply(requests);
            }
        }
        bench.print(messages, runs, requests);
        System.exit(0);
    }

    private void record(String figure, double value) {
        if (!recording) {
            return;
        }
        figures.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
        System.out.printf(Locale.ROOT, "  %s: %.2f%n", figure, value);
    }

    private double dispatchOneWay(int n, boolean persistent) throws Exception {
        // the queue is paused (Artemis management) while it fills, so the dispatcher stays up and warm
        manage("pause");
        BenchClients.preload(tcp, "switchboard.dispatch", n, persistent, "bench.sink");
        post("/reset");
        manage("resume");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = get();
            if (state.startsWith("count=" + n + " ")) {
                return Double.parseDouble(state.substring(state.indexOf("rate=") + 5));
            }
            // the rate is timed inside the container; polling slowly keeps HTTP off the 2 cores being measured
            Thread.sleep(250);
        }
        throw new IllegalStateException("dispatch did not drain: " + state);
    }

    /** Invokes an operation on the dispatch queue's control through Artemis management messages. */
    private void manage(String operation) throws Exception {
        try (Connection c = tcp.createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.QueueRequestor requestor = new jakarta.jms.QueueRequestor((jakarta.jms.QueueSession) s,
                    s.createQueue("activemq.management"));
            c.start();
            jakarta.jms.Message m = s.createMessage();
            JMSManagementHelper.putOperationInvocation(m, "queue.switchboard.dispatch", operation);
            jakarta.jms.Message reply = requestor.request(m);
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException(operation + " failed: " + JMSManagementHelper.getResult(reply));
            }
        }
    }

    private double rawInVm(int n, boolean persistent) throws Exception {
        BenchClients.preload(tcp, "bench.raw", n, persistent, null);
        String answer = post("/raw?queue=bench.raw&consumers=4&batch=100&n=" + n);
        return Double.parseDouble(answer.substring(answer.indexOf("rate=") + 5));
    }

    private double rawTcp(int n, boolean persistent) throws Exception {
        BenchClients.preload(tcp, "bench.rawtcp", n, persistent, null);
        return RawDrain.drain(tcp, "bench.rawtcp", n, 4, 100);
    }

    private double camelOneWay(int n, boolean persistent) throws Exception {
        // transacted Camel runs at a few hundred msg/s here: a smaller sample keeps the run short
        int count = persistent ? Math.min(n, CAMEL_TRANSACTED_SAMPLE) : n;
        BenchClients.preload(tcp, "bench.camel", count, persistent, null);
        return CamelPeer.oneWay(tcp, "bench.camel", count, persistent);
    }

    private void requestReply(int requests) throws Exception {
        int warmup = Math.max(200, requests / 4);
        String answer = post("/rr?n=" + requests + "&warmup=" + warmup + "&body="
                + URLEncoder.encode(BenchClients.BODY, StandardCharsets.UTF_8));
        Map<String, Double> inVm = new LinkedHashMap<>();
        for (String part : answer.split(" ")) {
            String[] kv = part.split("=");
            inVm.put(kv[0], Double.parseDouble(kv[1]));
        }
        latency("dispatch in-VM (Messenger.request from a bundle)", new double[] {inVm.get("p50"), inVm.get("p99"),
            inVm.get("mean")});
        try (DispatchClient client = new DispatchClient(tcp)) {
            long[] nanos = new long[requests];
            for (int i = 0; i < warmup + requests; i++) {
                long start = System.nanoTime();
                client.request(Message.builder("bench.echo").body(BenchClients.BODY.getBytes(StandardCharsets.UTF_8),
                        Message.JSON).build(), Duration.ofSeconds(10)).get();
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
            }
            latency("dispatch over TCP (DispatchClient)", BenchClients.percentiles(nanos));
        }
        try (Connection responder = BenchClients.responder(tcp, "bench.rr.raw")) {
            latency("raw JMS over TCP (listener replies)", BenchClients.requestReply(tcp, "bench.rr.raw", requests,
                    warmup, null));
        }
        CamelContext camel = CamelPeer.echo(tcp, "bench.rr.camel");
        try {
            latency("Camel 4 JMS → bean → JMS over TCP", BenchClients.requestReply(tcp, "bench.rr.camel", requests,
                    warmup, null));
        } finally {
            camel.stop();
        }
    }

    private void latency(String who, double[] p) {
        record("request/reply p50: " + who + ", ms", p[0]);
        record("request/reply p99: " + who + ", ms", p[1]);
    }

    private void print(int n, int runs, int requests) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d messages of 1 KB JSON per one-way figure, %d sequential requests per "
                + "latency figure, %d runs%n%n| figure | median | min | max |%n|---|---|---|---|%n", n, requests, runs));
        figures.forEach((figure, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            String format = figure.endsWith("ms") ? "%.3f" : "%.0f";
            out.append("| ").append(figure).append(" | ")
                    .append(String.format(Locale.ROOT, format, sorted.get(sorted.size() / 2))).append(" | ")
                    .append(String.format(Locale.ROOT, format, sorted.get(0))).append(" | ")
                    .append(String.format(Locale.ROOT, format, sorted.get(sorted.size() - 1))).append(" |\n");
        });
        System.out.println(out);
        Path result = Path.of("target/dispatch-benchmark.md");
        Files.createDirectories(result.getParent());
        Files.writeString(result, out.toString());
    }

    private String get() throws Exception {
        return send(HttpRequest.newBuilder(uri("")).GET());
    }

    private String post(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + platform.httpPort() + "/api/bench" + (path.isEmpty() ? "/count" : path));
    }

    private String send(HttpRequest.Builder request) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + Platform.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(request.header("Authorization", "Basic " + auth)
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}

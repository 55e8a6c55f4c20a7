package io.switchboard.benchmarks;

import io.switchboard.testing.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kernel's figures (issue: kernel and hot deploy): boot to the ready line, first boot (empty data) and
 * restart; RSS after boot; hot-deploy latency (file renamed into deploy/ until the bundle's servlet answers) and
 * undeploy latency (file deleted until it no longer answers); the same boot figures for Apache Karaf as the peer.
 * Prints a Markdown table for BENCHMARKS.md.
 *
 * <pre>mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:java -Dexec.args="7 20"</pre>
 */
public final class KernelBenchmark {

    private static final Pattern READY = Pattern.compile("Switchboard ready in (\\d+) ms");

    private KernelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int boots = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int deploys = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("switchboard-bench");
        Path home = Platform.unpack(dir);
        Path hello;
        try (Stream<Path> s = Files.list(home.resolve("examples"))) {
            hello = s.filter(p -> p.getFileName().toString().startsWith("switchboard-example-hello")).findFirst().orElseThrow();
        }

        List<Double> first = new ArrayList<>();
        List<Double> restart = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> rssIdle = new ArrayList<>();
        for (int i = 0; i < boots; i++) {
            try (Platform p = Platform.at(home, "cold-" + i).start()) {
                first.add(readyMillis(p));
                p.stop();
            }
        }
        Platform warm = Platform.at(home, "warm");
        warm.start();
        warm.stop();
        List<Double> restartWall = new ArrayList<>();
        for (int i = 0; i < boots; i++) {
            long launched = System.nanoTime();
            warm.start();
            restartWall.add((System.nanoTime() - launched) / 1e6);
            restart.add(readyMillis(warm));
            rss.add(rssMb(warm.pid()));
            Thread.sleep(5000);
            rssIdle.add(rssMb(warm.pid()));
            if (i < boots - 1) {
                warm.stop();
            }
        }

        List<Double> deploy = new ArrayList<>();
        List<Double> undeploy = new ArrayList<>();
        for (int i = 0; i < deploys; i++) {
            long t0 = System.nanoTime();
            warm.drop(hello, "hello.jar");
            warm.awaitHttp("/hello", 200, b -> true);
            deploy.add((System.nanoTime() - t0) / 1e6);
            long t1 = System.nanoTime();
            Files.delete(warm.deploy().resolve("hello.jar"));
            warm.awaitHttp("/hello", 404, b -> true);
            undeploy.add((System.nanoTime() - t1) / 1e6);
        }
        warm.stop();

        List<double[]> karaf = KarafPeer.unpack(dir).boots(boots + 1);
        List<Double> karafFirst = List.of(karaf.get(0)[0]);
        List<Double> karafRestart = karaf.subList(1, karaf.size()).stream().map(r -> r[0]).toList();
        List<Double> karafRss = karaf.subList(1, karaf.size()).stream().map(r -> r[1]).toList();

        System.out.println();
        System.out.println("| figure | median | min | max | runs | target |");
        System.out.println("|---|---|---|---|---|---|");
        row("first boot (empty data/) to ready, as logged (from JVM start), ms", first, "");
        row("restart (existing data/) to ready, as logged (from JVM start), ms", restart, "≤ 2000");
        row("restart, wall clock from launching bin/switchboard until the ready line is seen, ms", restartWall, "");
        row("RSS right after ready, MB", rss, "≤ 250");
        row("RSS 5 s after ready, MB", rssIdle, "≤ 250");
        row("hot deploy: rename into deploy/ → /hello answers, ms", deploy, "≤ 500");
        row("undeploy: delete → /hello gone, ms", undeploy, "≤ 300");
        row("peer: Karaf 4.4.8 minimal, first boot to SSH port open, ms", karafFirst, "");
        row("peer: Karaf 4.4.8 minimal, restart to SSH port open, ms", karafRestart, "");
        row("peer: Karaf 4.4.8 minimal, RSS when SSH opens, MB", karafRss, "");
        System.out.println("\nmachine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    static double readyMillis(Platform p) throws InterruptedException {
        Matcher m = READY.matcher(p.awaitLog(l -> READY.matcher(l).find(), java.time.Duration.ofSeconds(5)));
        m.find();
        return Double.parseDouble(m.group(1));
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    static void row(String name, List<Double> values, String target) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        double median = v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        System.out.printf("| %s | %.0f | %.0f | %.0f | %d | %s |%n", name, median, v.get(0), v.get(v.size() - 1),
                v.size(), target);
    }
}

package io.switchboard.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer for boot figures: Apache Karaf 4.4.8 minimal ({@code bin/karaf server}), the container under
 * ServiceMix and Red Hat Fuse, with no broker and no Camel, so it boots less than Switchboard does. Karaf logs no
 * ready line; "ready" here is its SSH console port (8101) accepting connections.
 */
final class KarafPeer {

    private final Path home;

    private KarafPeer(Path home) {
        this.home = home;
    }

    static KarafPeer unpack(Path dir) throws IOException, InterruptedException {
        Path archive = Path.of(System.getProperty("karaf.distribution"));
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", dir.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed on " + archive);
        }
        return new KarafPeer(dir.resolve("apache-karaf-minimal-4.4.8"));
    }

    /** Boots {@code runs} times; the first with an empty data folder. Returns [first, restarts...] ms and RSS MB. */
    List<double[]> boots(int runs) throws IOException, InterruptedException {
        List<double[]> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .redirectErrorStream(true).redirectOutput(home.resolve("out-" + i + ".txt").toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process karaf = pb.start();
            while (!accepts(8101)) {
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                    karaf.destroyForcibly();
                    throw new IOException("Karaf did not open 8101 within 120 s");
                }
                Thread.sleep(10);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            double rss = rssOfJava(karaf);
            ProcessBuilder stop = new ProcessBuilder(home.resolve("bin/stop").toString()).inheritIO();
            stop.environment().put("JAVA_HOME", System.getProperty("java.home"));
            stop.start().waitFor();
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                karaf.destroyForcibly().waitFor();
            }
            while (accepts(8101)) {
                Thread.sleep(50);
            }
            results.add(new double[] {ms, rss});
        }
        return results;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** bin/karaf runs java as a child of its shell: the RSS of that java process. */
    private static double rssOfJava(Process karaf) throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(karaf.toHandle());
        karaf.descendants().forEach(all::add);
        double best = 0;
        for (ProcessHandle h : all) {
            Path status = Path.of("/proc/" + h.pid() + "/status");
            if (!Files.exists(status)) {
                continue;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    best = Math.max(best, Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0);
                }
            }
        }
        return best;
    }
}

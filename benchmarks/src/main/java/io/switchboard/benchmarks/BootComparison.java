package io.switchboard.benchmarks;

import io.switchboard.testing.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Two builds of Switchboard, booted in turn on the same machine and clock: restart to ready (as logged) and RSS right
 * after ready and 5 s later, the order alternating each round (A B, B A, ...), so drift in the machine's load falls
 * on both. Arguments: the two distribution archives, then the rounds (default 5).
 */
public final class BootComparison {

    private BootComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path[] archives = {Path.of(args[0]), Path.of(args[1])};
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Platform[] platforms = new Platform[2];
        List<List<Double>> ready = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> rss = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> rssIdle = List.of(new ArrayList<>(), new ArrayList<>());
        for (int k = 0; k < 2; k++) {
            Path home = Platform.unpack(archives[k], Files.createTempDirectory("switchboard-compare-" + k));
            platforms[k] = Platform.at(home, "warm");
            platforms[k].start(); // the first boot makes the framework cache and the class-data archive
            platforms[k].stop();
        }
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < 2; j++) {
                int k = round % 2 == 0 ? j : 1 - j;
                Platform p = platforms[k];
                p.start();
                ready.get(k).add(KernelBenchmark.readyMillis(p));
                rss.get(k).add(KernelBenchmark.rssMb(p.pid()));
                Thread.sleep(5000); // the figure is the footprint 5 s after ready
                rssIdle.get(k).add(KernelBenchmark.rssMb(p.pid()));
                p.stop();
            }
        }
        System.out.println("\nA = " + archives[0] + "\nB = " + archives[1] + "\n");
        System.out.println("| figure | median | min | max | runs | |");
        System.out.println("|---|---|---|---|---|---|");
        String[] names = {"A", "B"};
        for (int k = 0; k < 2; k++) {
            KernelBenchmark.row(names[k] + ": restart to ready, as logged, ms", ready.get(k), "");
            KernelBenchmark.row(names[k] + ": RSS right after ready, MB", rss.get(k), "");
            KernelBenchmark.row(names[k] + ": RSS 5 s after ready, MB", rssIdle.get(k), "");
        }
    }
}

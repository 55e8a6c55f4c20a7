package io.switchboard.bridge.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.bridge.BridgeInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two pollers on one folder never take the same file: the rename decides, and a held file is never re-offered. */
class ClaimRaceTest {

    @ParameterizedTest(name = "pollers share their holds: {0}")
    @ValueSource(booleans = {true, false}) // true: two instances of one bundle; false: as two nodes would
    void twoPollersOnOneFolderRouteEachOfManyFilesOnce(boolean sameBundle, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in"));
        int files = 300;
        for (int i = 0; i < files; i++) {
            Files.writeString(folder.resolve("f" + i + ".txt"), "file " + i);
        }
        Holds shared = new Holds();
        RecordingReceiver a = new RecordingReceiver();
        RecordingReceiver b = new RecordingReceiver();
        FileInSettings settings = Configs.fileIn(folder, Map.of());
        List<FolderPoller> pollers = List.of(
                new FolderPoller(settings, new BridgeInstance("file.in", "a", false, Map.of()), shared, a,
                        Clock.systemUTC(), System::nanoTime),
                new FolderPoller(settings, new BridgeInstance("file.in", "b", false, Map.of()),
                        sameBundle ? shared : new Holds(), b, Clock.systemUTC(), System::nanoTime));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (FolderPoller p : pollers) {
            runs.add(threads.submit(() -> {
                start.await();
                while (a.routed.size() + b.routed.size() < files) {
                    p.poll();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : runs) {
            f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        threads.shutdown();
        List<String> all = new ArrayList<>(a.ids());
        all.addAll(b.ids());
        Set<String> distinct = new HashSet<>(all);
        assertEquals(files, all.size(), "each file routed once (a: " + a.routed.size() + ", b: " + b.routed.size() + ")");
        assertEquals(files, distinct.size());
        try (Stream<Path> done = Files.list(folder.resolve("done"))) {
            assertEquals(files, done.count());
        }
        try (Stream<Path> left = Files.list(folder.resolve(".inprogress"))) {
            assertEquals(0, left.count());
        }
    }
}

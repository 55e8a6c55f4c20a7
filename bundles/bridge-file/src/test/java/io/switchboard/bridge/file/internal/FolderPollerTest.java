package io.switchboard.bridge.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.bridge.BridgeState;
import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteSource.Routed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One folder polled by hand, on a clock the test moves: readiness, the claim, done/ and error/, recovery. */
class FolderPollerTest {

    @TempDir
    Path dir;
    final AtomicLong nanos = new AtomicLong();
    final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneId.of("UTC"));
    final RecordingReceiver route = new RecordingReceiver();
    final BridgeInstance instance = new BridgeInstance("file.in", "test", false, Map.of());

    private Path folder() throws IOException {
        return Files.createDirectories(dir.resolve("in"));
    }

    private FolderPoller poller(Map<String, ?> settings) throws IOException {
        return new FolderPoller(Configs.fileIn(folder(), settings), instance, new Holds(), route, clock, nanos::get);
    }

    private void advance(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSlowWriterThatKeepsAnOldModificationTimeIsNotTakenBeforeItsSizeStayedPut() throws Exception {
        FolderPoller poller = poller(Map.of("stableFor", "1s"));
        Path file = folder().resolve("orders.csv");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.writeString(file, "a,1\n");
        Files.setLastModifiedTime(file, old);
        poller.poll();
        advance(900);
        Files.writeString(file, "b,2\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, old); // the copy preserves times: only the size tells
        poller.poll();
        advance(900);
        poller.poll();
        assertTrue(route.routed.isEmpty(), "taken while it grew");
        assertEquals(List.of("orders.csv"), names(folder()).stream().filter(n -> !n.startsWith(".")).toList());
        advance(100);
        poller.poll();
        assertEquals(1, route.routed.size());
        assertEquals("a,1\nb,2\n", route.routed.get(0).bodyText(), "the whole file");
        assertTrue(route.routed.get(0).text(), ".csv is text");
    }

    @Test
    void aFileWithADoneFileConventionIsTakenOnlyOnceItsDoneFileExistsAndTheDoneFileGoesWithIt() throws Exception {
        FolderPoller poller = poller(Map.of("doneFile", "${name}.done"));
        Files.writeString(folder().resolve("a.json"), "{}");
        poller.poll();
        assertTrue(route.routed.isEmpty(), "no done-file yet");
        Files.createFile(folder().resolve("a.json.done"));
        poller.poll();
        assertEquals(1, route.routed.size());
        assertEquals("a.json", route.routed.get(0).headers().get("SB_FILE_NAME"));
        assertFalse(Files.exists(folder().resolve("a.json.done")), "the done-file is removed with it");
    }

    @Test
    void aRoutedFileMovesToDoneUnderATimestampedNameThatNeverReplacesAnother() throws Exception {
        FolderPoller poller = poller(Map.of());
        Files.writeString(folder().resolve("a.txt"), "one");
        poller.poll();
        Files.writeString(folder().resolve("a.txt"), "two");
        poller.poll();
        assertEquals(List.of("20261206-100000000-1-a.txt", "20261206-100000000-a.txt"), names(folder().resolve("done")));
        assertEquals("two", Files.readString(folder().resolve("done/20261206-100000000-1-a.txt")));
        assertEquals(List.of(), names(folder().resolve(".inprogress")));
        assertEquals(2, instance.status().in());
        assertEquals(BridgeState.CONNECTED, instance.state());
    }

    @Test
    void withDeleteARoutedFileIsDeleted() throws Exception {
        FolderPoller poller = poller(Map.of("delete", "true"));
        Files.writeString(folder().resolve("a.txt"), "one");
        poller.poll();
        assertEquals(1, route.routed.size());
        assertEquals(List.of(".inprogress"), names(folder()));
    }

    @Test
    void headersCarryTheFilesStableIdNameSizeTimeAndContentTypeAndBinaryFilesStayBytes() throws Exception {
        FolderPoller poller = poller(Map.of());
        Path file = folder().resolve("photo.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
        poller.poll();
        RouteMessage m = route.routed.get(0);
        assertFalse(m.text());
        assertEquals(Map.of("SB_MESSAGE_ID", UUID.nameUUIDFromBytes("photo.png\u00004\u00001700000000000"
                .getBytes(StandardCharsets.UTF_8)).toString(), "SB_FILE_NAME", "photo.png", "SB_FILE_SIZE", 4L,
                "SB_FILE_MODIFIED", 1_700_000_000_000L, "SB_CONTENT_TYPE", "application/octet-stream", "SB_BRIDGE",
                "file.in~test"), m.headers());
    }

    @Test
    void aFileLeftInProgressByACrashIsOfferedFirstWithTheIdItHadAndOnce() throws Exception {
        FolderPoller poller = poller(Map.of());
        Path left = Files.createDirectories(folder().resolve(".inprogress")).resolve("a.json");
        Files.writeString(left, "{\"left\":true}");
        Files.setLastModifiedTime(left, FileTime.fromMillis(1_600_000_000_000L));
        Files.writeString(folder().resolve("b.json"), "{}");
        poller.poll();
        assertEquals(List.of("a.json", "b.json"), route.routed.stream().map(m -> m.headers().get("SB_FILE_NAME")).toList(),
                "the left-over first");
        assertEquals(UUID.nameUUIDFromBytes("a.json\u000013\u00001600000000000".getBytes(StandardCharsets.UTF_8))
                .toString(), route.ids().get(0), "the id the file had when it was taken before the crash");
        poller.poll();
        assertEquals(2, route.routed.size(), "once");
        assertEquals(2, names(folder().resolve("done")).size());
    }

    @Test
    void aTransientFailureLeavesTheFileForALaterPollThenErrorAfterMaxAttemptsWithTheReason() throws Exception {
        FolderPoller poller = poller(Map.of("maxAttempts", "3", "interval", "100ms"));
        route.failing("broker gone");
        Files.writeString(folder().resolve("a.xml"), "<a/>");
        poller.poll();
        assertEquals(List.of("a.xml"), names(folder().resolve(".inprogress")), "kept in progress");
        poller.poll();
        assertEquals(1, instance.status().failed(), "not due again before its backoff");
        advance(100);
        poller.poll();
        assertEquals(2, instance.status().failed());
        advance(199);
        poller.poll();
        assertEquals(2, instance.status().failed(), "the wait doubles");
        advance(1);
        poller.poll();
        assertEquals(List.of("a.xml", "a.xml.error.txt"), names(folder().resolve("error")));
        String reason = Files.readString(folder().resolve("error/a.xml.error.txt"));
        assertTrue(reason.contains("broker gone (after 3 failed attempts, maxAttempts = 3)"), reason);
        assertEquals(List.of(), names(folder().resolve(".inprogress")));
        assertEquals("<a/>", Files.readString(folder().resolve("error/a.xml")));
    }

    @Test
    void aFileTheRouteDeadLettersGoesToErrorAtOnceWithTheRoutesReason() throws Exception {
        FolderPoller poller = poller(Map.of());
        route.outcome(m -> Routed.deadLettered("route r: no such customer"));
        Files.writeString(folder().resolve("a.json"), "{}");
        poller.poll();
        assertEquals(List.of("a.json", "a.json.error.txt"), names(folder().resolve("error")));
        assertTrue(Files.readString(folder().resolve("error/a.json.error.txt")).contains("no such customer"));
    }

    @Test
    void aFileOverMaxBytesWithoutSplitGoesToErrorSayingMaxBytesAndSplit() throws Exception {
        FolderPoller poller = poller(Map.of("maxBytes", "10"));
        Files.writeString(folder().resolve("big.csv"), "0123456789abc");
        poller.poll();
        assertTrue(route.routed.isEmpty());
        String reason = Files.readString(folder().resolve("error/big.csv.error.txt"));
        assertTrue(reason.contains("maxBytes = 10") && reason.contains("split = lines"), reason);
    }

    @Test
    void aFileOverMaxBytesWithSplitLinesIsStreamedAsOneMessagePerLine() throws Exception {
        FolderPoller poller = poller(Map.of("maxBytes", "16", "split", "lines"));
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            text.append("line ").append(i).append("\r\n");
        }
        Files.writeString(folder().resolve("big.csv"), text);
        poller.poll();
        assertEquals(100, route.routed.size());
        RouteMessage third = route.routed.get(2);
        assertEquals("line 3", third.bodyText());
        assertEquals(3L, third.headers().get("SB_FILE_LINE"));
        String fileId = route.ids().get(0).substring(0, route.ids().get(0).indexOf(':'));
        assertEquals(fileId + ":3", third.headers().get("SB_MESSAGE_ID"));
        assertEquals(1, names(folder().resolve("done")).size());
        assertEquals(100, instance.status().in());
    }

    @Test
    void aSplitFileOfferedAgainGoesOnAfterTheLinesRoutedAlready() throws Exception {
        FolderPoller poller = poller(Map.of("split", "lines", "interval", "10ms"));
        route.outcome(m -> {
            if ("b".equals(m.bodyText()) && route.routed.size() == 1) {
                route.failing("down");
            }
            return Routed.routed();
        });
        Files.writeString(folder().resolve("x.txt"), "a\nb\nc\n");
        poller.poll(); // a routed; b recorded, then the route fails from c on
        route.failing(null);
        advance(10);
        poller.poll();
        assertEquals(List.of("a", "b", "c"), route.routed.stream().map(RouteMessage::bodyText).toList());
    }

    @Test
    void hiddenTemporaryAndExcludedNamesAreLeftAlone() throws Exception {
        FolderPoller poller = poller(Map.of("include", "*.{csv,json}", "exclude", "skip*"));
        for (String n : List.of(".hidden.csv", "a.csv.tmp", "b.part", "c.txt", "skip.csv", "take.csv")) {
            Files.writeString(folder().resolve(n), n);
        }
        poller.poll();
        assertEquals(List.of("take.csv"), route.routed.stream().map(m -> m.headers().get("SB_FILE_NAME")).toList());
    }

    @Test
    void aMissingFolderIsDisconnectedSayingSoAndTheNextPollFindsIt() throws Exception {
        Path missing = dir.resolve("later");
        FolderPoller poller = new FolderPoller(Configs.fileIn(missing, Map.of()), instance, new Holds(), route, clock,
                nanos::get);
        assertEquals(-1, poller.poll());
        assertEquals(BridgeState.DISCONNECTED, instance.state());
        assertTrue(instance.status().reason().contains("folder " + missing + " does not exist"),
                instance.status().reason());
        Files.createDirectories(missing);
        Files.writeString(missing.resolve("a.txt"), "x");
        assertEquals(1, poller.poll());
        assertEquals(BridgeState.CONNECTED, instance.state());
    }

    @Test
    void aFileThatCannotBeReadGoesToErrorAtOnce() throws Exception {
        FolderPoller poller = poller(Map.of());
        Path file = folder().resolve("secret.txt");
        Files.writeString(file, "x");
        file.toFile().setReadable(false, false);
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "root reads every file");
        poller.poll();
        assertTrue(Files.readString(folder().resolve("error/secret.txt.error.txt")).contains("cannot be read"));
    }

    @Test
    void textThatIsNotTextInItsCharsetGoesToErrorNamingTheCharset() throws Exception {
        FolderPoller poller = poller(Map.of());
        Files.write(folder().resolve("bad.txt"), new byte[] {'a', (byte) 0xff, 'b'});
        poller.poll();
        assertTrue(Files.readString(folder().resolve("error/bad.txt.error.txt")).contains("is not UTF-8 text"));
    }

    @Test
    void latin1TextArrivesAsUtf8() throws Exception {
        FolderPoller poller = poller(Map.of("charset", "ISO-8859-1"));
        Files.write(folder().resolve("a.txt"), new byte[] {'M', (byte) 0xfc, 'l', 'l', 'e', 'r'});
        poller.poll();
        assertEquals("Müller", route.routed.get(0).bodyText());
    }
}

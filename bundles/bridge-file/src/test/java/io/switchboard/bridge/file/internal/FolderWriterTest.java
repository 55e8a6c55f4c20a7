package io.switchboard.bridge.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.routing.PermanentFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing under a root: the four fileExist modes, no temporary file left, and no name leading out. */
class FolderWriterTest {

    @TempDir
    Path dir;

    private FolderWriter writer(FileExist mode) {
        return new FolderWriter(dir.resolve("out"), mode);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failRefusesAnExistingFileForGoodButCountsTheSameBytesAgainAsWritten() throws Exception {
        FolderWriter w = writer(FileExist.FAIL);
        Path a = w.write("a.json", bytes("{\"n\":1}"));
        assertEquals(dir.resolve("out/a.json"), a, "the root is created");
        assertEquals(a, w.write("a.json", bytes("{\"n\":1}")), "a message tried again");
        PermanentFailure f = assertThrows(PermanentFailure.class, () -> w.write("a.json", bytes("{\"n\":2}")));
        assertTrue(f.getMessage().contains("exists"), f.getMessage());
        assertEquals("{\"n\":1}", Files.readString(a));
        assertEquals(List.of("a.json"), names(dir.resolve("out")), "no temporary file left");
    }

    @Test
    void overrideReplacesTheFile() throws Exception {
        FolderWriter w = writer(FileExist.OVERRIDE);
        w.write("a.txt", bytes("one"));
        w.write("a.txt", bytes("two"));
        assertEquals("two", Files.readString(dir.resolve("out/a.txt")));
        assertEquals(List.of("a.txt"), names(dir.resolve("out")));
    }

    @Test
    void appendAddsToTheFile() throws Exception {
        FolderWriter w = writer(FileExist.APPEND);
        w.write("day/log.csv", bytes("a\n"));
        w.write("day/log.csv", bytes("b\n"));
        assertEquals("a\nb\n", Files.readString(dir.resolve("out/day/log.csv")));
    }

    @Test
    void uniqueWritesBesideTheFileNumbered() throws Exception {
        FolderWriter w = writer(FileExist.UNIQUE);
        w.write("a.txt", bytes("one"));
        Path second = w.write("a.txt", bytes("two"));
        Path third = w.write("a.txt", bytes("three"));
        assertEquals("a-1.txt", second.getFileName().toString());
        assertEquals("a-2.txt", third.getFileName().toString());
        assertEquals(List.of("a-1.txt", "a-2.txt", "a.txt"), names(dir.resolve("out")));
        assertEquals("one", Files.readString(dir.resolve("out/a.txt")));
    }

    @Test
    void aNameThatLeadsOutOfTheRootIsRefusedForGoodAndNothingIsWritten() throws Exception {
        FolderWriter w = writer(FileExist.OVERRIDE);
        Files.createDirectories(dir.resolve("out"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("out/link"), outside);
        for (String name : List.of("../escaped.txt", "a/../../escaped.txt", "/tmp/escaped.txt", "link/escaped.txt",
                "", "..")) {
            assertThrows(PermanentFailure.class, () -> w.write(name, bytes("x")), name);
        }
        assertEquals(List.of(), names(outside));
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertFalse(Files.exists(Path.of("/tmp/escaped.txt")));
    }

    @Test
    void subFoldersInsideTheRootAreCreated() throws Exception {
        Path p = writer(FileExist.FAIL).write("2026/12/a.json", bytes("{}"));
        assertEquals(dir.resolve("out/2026/12/a.json"), p);
    }
}

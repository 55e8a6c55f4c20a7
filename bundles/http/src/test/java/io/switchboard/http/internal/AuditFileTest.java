package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFileTest {

    @TempDir
    Path dir;

    @Test
    void aRotationThatFailsLeavesTheFileOpenForTheNextEntries() throws Exception {
        Path file = dir.resolve("audit.log");
        Path rotated = dir.resolve("audit.log.1");
        Files.createDirectories(rotated.resolve("in-the-way")); // a non-empty directory: the move cannot replace it
        try (AuditFile audit = new AuditFile(file, 10, 100)) {
            audit.append(Map.of("action", "first"));
            audit.append(Map.of("action", "second"));
            audit.append(Map.of("action", "third"));
        }
        String text = Files.readString(file);
        assertTrue(text.contains("first") && text.contains("second") && text.contains("third"), text);

        Files.delete(rotated.resolve("in-the-way"));
        Files.delete(rotated);
        try (AuditFile audit = new AuditFile(file, 10, 100)) {
            audit.append(Map.of("action", "fourth"));
        }
        String moved = Files.readString(rotated);
        assertTrue(moved.contains("first") && moved.contains("fourth"), "rotates again once it can: " + moved);
        assertEquals(0, Files.size(file), "and a new file begins");
    }
}

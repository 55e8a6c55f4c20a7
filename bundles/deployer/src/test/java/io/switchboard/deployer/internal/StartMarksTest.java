package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartMarksTest {

    @TempDir
    Path store;

    @Test
    void aMarkLeftByAStartRefusesThatVersionOnlyUntilItIsCleared() {
        StartMarks marks = new StartMarks(store);
        marks.starting("sly.jar", "abc");
        // the platform ended here: done() never ran
        StartMarks atNextBoot = new StartMarks(store);
        assertTrue(atNextBoot.endedThePlatform("sly.jar", "abc").startsWith("the platform ended while this version "
                + "was starting"));
        assertTrue(atNextBoot.endedWhileStarting("sly.jar", "abc"));
        assertNull(atNextBoot.endedThePlatform("sly.jar", "another version"));
        atNextBoot.clear("sly.jar"); // the file was removed: the same bytes added again are tried again
        assertNull(atNextBoot.endedThePlatform("sly.jar", "abc"));
    }

    @Test
    void aStartThatReturnedLeavesNoMark() {
        StartMarks marks = new StartMarks(store);
        marks.starting("fine.jar", "abc");
        marks.done("fine.jar");
        assertNull(marks.endedThePlatform("fine.jar", "abc"));
    }

    @Test
    void aBlamedVersionKeepsItsReason() {
        StartMarks marks = new StartMarks(store);
        marks.blame("sly.jar", "abc", "the platform ended while this version was running: System.exit was called by x");
        assertEquals("the platform ended while this version was running: System.exit was called by x",
                marks.endedThePlatform("sly.jar", "abc"));
        assertTrue(!marks.endedWhileStarting("sly.jar", "abc"));
    }

    @Test
    void theExitCallerIsTakenOnce() throws Exception {
        Files.writeString(store.resolve(StartMarks.EXIT_CALLER), "com.example.Sly$1\n");
        StartMarks marks = new StartMarks(store);
        assertEquals("com.example.Sly$1", marks.takeExitCaller());
        assertNull(marks.takeExitCaller());
    }
}

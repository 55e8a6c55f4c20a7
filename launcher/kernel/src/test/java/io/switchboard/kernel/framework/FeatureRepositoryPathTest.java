package io.switchboard.kernel.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A feature's bundles come from system/ only, whatever their ids say. */
class FeatureRepositoryPathTest {

    private final Path system = Path.of("/opt/switchboard/system");

    @Test
    void anOrdinaryIdResolvesInTheMavenLayout() {
        assertEquals(Path.of("/opt/switchboard/system/org/apache/felix/org.apache.felix.scr/2.2.18/"
                        + "org.apache.felix.scr-2.2.18.jar"),
                FeatureInstaller.artifactPath(system, "org.apache.felix", "org.apache.felix.scr", "2.2.18", "jar", null));
    }

    @Test
    void aGroupStartingWithADotCannotLeaveTheRepository() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureInstaller.artifactPath(system, ".tmp.evil", "x", "1", "jar", null));
        assertTrue(e.getMessage().contains("would resolve outside the bundle repository /opt/switchboard/system"),
                e.getMessage());
    }

    @Test
    void dotsAndSeparatorsInAnyPartAreRefused() {
        for (String[] id : new String[][] {{"a..b", "x", "1"}, {"a", "../../x", "1"}, {"a", "x", ".."},
                {"a", "x", "1/../../y"}, {"a", "x\\y", "1"}}) {
            assertThrows(IllegalArgumentException.class,
                    () -> FeatureInstaller.artifactPath(system, id[0], id[1], id[2], "jar", null), String.join(":", id));
        }
        assertThrows(IllegalArgumentException.class,
                () -> FeatureInstaller.artifactPath(system, "a", "x", "1", "jar", "../../c"));
    }
}

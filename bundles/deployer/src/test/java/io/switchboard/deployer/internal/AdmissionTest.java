package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdmissionTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverItsKindsLimitIsRefusedNamingTheSetting() throws IOException {
        Path p = Files.write(dir.resolve("big.route.yaml"), new byte[2048]);
        String refusal = Admission.refusal(p, 1024, "switchboard.deploy.max.file");
        assertTrue(refusal.contains("2048 bytes, over the limit of 1024 bytes (switchboard.deploy.max.file)"), refusal);
        assertNull(Admission.refusal(p, 4096, "switchboard.deploy.max.file"));
    }

    @Test
    void aSymbolicLinkIsRefusedWhateverItPointsTo() throws IOException {
        Path outside = Files.writeString(Files.createTempFile("outside", ".cfg"), "a = b\n");
        try {
            Path link = Files.createSymbolicLink(dir.resolve("x.cfg"), outside);
            assertTrue(Admission.refusal(link, 1 << 20, "s").startsWith("a symbolic link"));
            Path dangling = Files.createSymbolicLink(dir.resolve("y.cfg"), dir.resolve("nowhere"));
            assertTrue(Admission.refusal(dangling, 1 << 20, "s").startsWith("a symbolic link"));
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void limitsComeFromTheFrameworkPropertiesAndABadOneIsNamed() {
        DeployLimits l = DeployLimits.from(k -> k.equals("switchboard.deploy.max.file") ? "2048"
                : k.equals("switchboard.deploy.timeout") ? "3s" : null);
        assertTrue(l.fileBytes() == 2048 && l.timeout().toSeconds() == 3 && l.bundleBytes() == 64L << 20);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeployLimits.from(k -> k.equals("switchboard.deploy.max.bundle") ? "lots" : null));
        assertTrue(e.getMessage().contains("switchboard.deploy.max.bundle = 'lots'"), e.getMessage());
    }
}

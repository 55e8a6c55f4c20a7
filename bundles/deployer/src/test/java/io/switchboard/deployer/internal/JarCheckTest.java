package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarCheckTest {

    @TempDir
    Path dir;

    private Path jar(String name, String... headers) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            mf.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new ZipEntry("x.txt"));
        }
        return p;
    }

    @Test
    void aBundleHasNoProblem() throws IOException {
        assertNull(JarCheck.problem(jar("ok.jar", "Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b")
                .toFile(), DeployLimits.DEFAULTS));
    }

    @Test
    void textIsNotAJar() throws IOException {
        Path p = Files.writeString(dir.resolve("t.jar"), "hello");
        assertTrue(JarCheck.problem(p.toFile(), DeployLimits.DEFAULTS).startsWith("not a jar (zip) file"));
    }

    @Test
    void aZipWithoutManifest() throws IOException {
        Path p = dir.resolve("z.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("a.txt"));
        }
        assertTrue(JarCheck.problem(p.toFile(), DeployLimits.DEFAULTS).contains("no META-INF/MANIFEST.MF"));
    }

    @Test
    void aPlainLibrary() throws IOException {
        assertTrue(JarCheck.problem(jar("lib.jar", "Created-By", "x").toFile(), DeployLimits.DEFAULTS).contains("no Bundle-SymbolicName"));
    }

    @Test
    void anOldStyleBundle() throws IOException {
        assertTrue(JarCheck.problem(jar("r3.jar", "Bundle-SymbolicName", "a").toFile(), DeployLimits.DEFAULTS)
                .contains("Bundle-ManifestVersion must be 2"));
    }
}

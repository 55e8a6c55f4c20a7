package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a jar holds: exit calls (nested jars too) and zip bombs are refused before install. */
class JarContentTest {

    private static final DeployLimits SMALL = new DeployLimits(1 << 20, 1 << 20, 1 << 20, 1 << 20,
            Duration.ofSeconds(1), 100, 4 << 20);

    @TempDir
    Path dir;

    private Path bundle(String name, EntryWriter entries) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "it." + name);
        Path p = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(out, mf)) {
            entries.write(j);
        }
        return p;
    }

    interface EntryWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** A zip of one entry, to nest in a bundle. */
    private static byte[] zip(String name, byte[] bytes) throws IOException {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(nested)) {
            entry(z, name, bytes);
        }
        return nested.toByteArray();
    }

    @Test
    void aBundleWhoseClassCallsSystemExitIsRefusedNamingTheClass() throws IOException {
        Path p = bundle("exits", z -> entry(z, "a/Direct.class", Exits.bytes(Exits.Direct.class)));
        String problem = JarCheck.problem(p.toFile(), SMALL);
        assertTrue(problem.contains("calls System.exit (in a/Direct.class)"), problem);
    }

    @Test
    void anExitCallInANestedJarIsFoundToo() throws IOException {
        Path p = bundle("nested", z -> entry(z, "lib/inner.jar", zip("b/Halt.class", Exits.bytes(Exits.Halt.class))));
        String problem = JarCheck.problem(p.toFile(), SMALL);
        assertTrue(problem.contains("calls Runtime.halt (in lib/inner.jar!/b/Halt.class)"), problem);
    }

    @Test
    void aBundleWithOrdinaryClassesPasses() throws IOException {
        Path p = bundle("fine", z -> entry(z, "a/T.class", Exits.bytes(JarContentTest.class)));
        assertNull(JarCheck.problem(p.toFile(), SMALL));
    }

    @Test
    void anEntryThatInflatesBeyondTheLimitIsAZipBomb() throws IOException {
        Path p = bundle("bomb", z -> {
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 5; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        });
        assertTrue(Files.size(p) < 64 << 10, "a small file");
        String problem = JarCheck.problem(p.toFile(), SMALL);
        assertTrue(problem.contains("inflates to more than 4 MB (switchboard.deploy.jar.max.inflated"), problem);
    }

    @Test
    void tooManyEntriesIsAZipBomb() throws IOException {
        Path p = bundle("many", z -> {
            for (int i = 0; i < 150; i++) {
                entry(z, "e" + i, new byte[0]);
            }
        });
        String problem = JarCheck.problem(p.toFile(), SMALL);
        assertTrue(problem.contains("more than 100 entries (switchboard.deploy.jar.max.entries)"), problem);
    }

    @Test
    void aHugeManifestIsRefusedBeforeItIsRead() throws IOException {
        Path p = dir.resolve("mf.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            z.write("Manifest-Version: 1.0\nX: ".getBytes());
            byte[] a = new byte[1 << 20];
            java.util.Arrays.fill(a, (byte) 'a');
            z.write(a);
            z.write(a);
            z.closeEntry();
        }
        String problem = JarCheck.problem(p.toFile(), DeployLimits.DEFAULTS);
        assertTrue(problem.contains("META-INF/MANIFEST.MF inflates to more than 1 MB"), problem);
    }

    @Test
    void aNestedZipIsFoundByItsContentWhateverItsName() throws IOException {
        // Bundle-ClassPath: lib/x.zip would load it
        Path p = bundle("zipped", z -> entry(z, "lib/x.zip", zip("c/Direct.class", Exits.bytes(Exits.Direct.class))));
        String problem = JarCheck.problem(p.toFile(), SMALL);
        assertTrue(problem.contains("calls System.exit (in lib/x.zip!/c/Direct.class)"), problem);
    }

    @Test
    void theJarThatHoldsTheClassThatCalledExitIsNamedInANestedJarToo() throws IOException {
        Path p = bundle("sly", z -> entry(z, "lib/inner.jar", zip("com/example/Sly$1.class",
                Exits.bytes(JarContentTest.class))));
        assertEquals(JarCheck.holds("com.example.Sly$1"), JarCheck.problem(p.toFile(), SMALL, "com.example.Sly$1"));
        assertNull(JarCheck.problem(p.toFile(), SMALL, "com.example.Other"));
        assertNull(JarCheck.problem(p.toFile(), SMALL), "an ordinary class, when no exit was seen");
    }

    @Test
    void tooManyEntriesAsACountOverflowingAnIntIsNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeployLimits.from(n -> n.equals("switchboard.deploy.jar.max.entries") ? "4294967297" : null));
        assertTrue(e.getMessage().startsWith("switchboard.deploy.jar.max.entries = '4294967297' is over the largest"),
                e.getMessage());
    }
}

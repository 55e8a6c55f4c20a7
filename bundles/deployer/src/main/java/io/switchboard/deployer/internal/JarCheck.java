package io.switchboard.deployer.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Says why a file is not an installable bundle before the framework sees it, in words an operator can act on (the
 * framework's own errors for these cases are terse or absent). Every entry is read once, inflated under a budget (a
 * zip bomb is refused when it crosses the limit, whatever its headers claim), and every class, in nested jars too, is
 * looked through for calls that would end the platform ({@link ExitCalls}). A nested jar is any entry that is a zip
 * (its first bytes are a zip's local header), whatever its name: {@code Bundle-ClassPath} may name any entry.
 */
final class JarCheck {

    /** Felix reads the whole manifest into memory: a larger one is a bomb, not a bundle. */
    private static final int MANIFEST_MAX = 1 << 20;
    /** A class file's constant pool alone limits it far below this. */
    private static final int CLASS_MAX = 16 << 20;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private JarCheck() {
    }

    /** @return null when the file is a jar with an OSGi manifest and no exit call; otherwise the reason it is not */
    static String problem(File file, DeployLimits limits) {
        return problem(file, limits, null);
    }

    /**
     * @param exitCaller a class that called {@code System.exit} before this boot, or null: a jar that holds it (in a
     *                   nested jar too) is refused with {@link #holds(String)}
     * @return null when the file is a jar with an OSGi manifest and no exit call; otherwise the reason it is not
     */
    static String problem(File file, DeployLimits limits, String exitCaller) {
        byte[] manifest = null;
        try (ZipFile zip = new ZipFile(file)) {
            Budget budget = new Budget(limits);
            budget.entries(zip.size());
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry e = all.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                        manifest = budget.read(in, MANIFEST_MAX, e.getName());
                    } else {
                        String exit = inspect(e.getName(), in, budget, exitCaller, true);
                        if (exit != null) {
                            return exit;
                        }
                    }
                }
            }
        } catch (ZipException e) {
            return "not a jar (zip) file: " + e.getMessage();
        } catch (Refused e) {
            return e.getMessage();
        } catch (IOException | SecurityException e) {
            return "cannot be read as a jar: " + e.getMessage();
        }
        return manifest == null ? "not an OSGi bundle: the jar has no META-INF/MANIFEST.MF" : manifestProblem(manifest);
    }

    /** The refusal of a jar that holds the class that called {@code System.exit} before this boot. */
    static String holds(String exitCaller) {
        return "System.exit was called by " + exitCaller + ", a class of this jar";
    }

    /** @return the refusal for an exit call in this entry (or, one level down, in a nested jar's entries), or null */
    private static String inspect(String name, InputStream raw, Budget budget, String exitCaller, boolean outer)
            throws IOException {
        int inNested = name.lastIndexOf("!/");
        String entry = inNested < 0 ? name : name.substring(inNested + 2);
        if (exitCaller != null && entry.equals(exitCaller.replace('.', '/') + ".class")) {
            return holds(exitCaller);
        }
        if (name.endsWith(".class")) {
            byte[] bytes = budget.read(raw, CLASS_MAX, name);
            String exit;
            try {
                exit = ExitCalls.find(bytes);
            } catch (IOException e) {
                throw new Refused(name + " cannot be inspected (" + e.getMessage() + "): refused");
            }
            return exit == null ? null : "calls " + exit + " (in " + name + "): a bundle may not end the platform; "
                    + "refused (an activator that cannot start should throw instead)";
        }
        BufferedInputStream in = new BufferedInputStream(raw, ZIP_MAGIC.length);
        if (outer && isZip(in)) {
            ZipInputStream nested = new ZipInputStream(in);
            for (ZipEntry e = nested.getNextEntry(); e != null; e = nested.getNextEntry()) {
                budget.entries(1);
                String exit = inspect(name + "!/" + e.getName(), nested, budget, exitCaller, false);
                if (exit != null) {
                    return exit;
                }
            }
            return null;
        }
        budget.read(in, Long.MAX_VALUE, name);
        return null;
    }

    /** True when the stream starts with a zip's local file header ({@code PK\3\4}); the bytes stay to be read. */
    private static boolean isZip(BufferedInputStream in) throws IOException {
        in.mark(ZIP_MAGIC.length);
        byte[] head = in.readNBytes(ZIP_MAGIC.length);
        in.reset();
        return java.util.Arrays.equals(head, ZIP_MAGIC);
    }

    private static String manifestProblem(byte[] bytes) {
        Manifest manifest;
        try {
            manifest = new Manifest(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return "not an OSGi bundle: the manifest cannot be read: " + e.getMessage();
        }
        Attributes main = manifest.getMainAttributes();
        if (main.getValue("Bundle-SymbolicName") == null) {
            return "not an OSGi bundle: the manifest has no Bundle-SymbolicName (build it with bnd or wrap it)";
        }
        if (!"2".equals(trim(main.getValue("Bundle-ManifestVersion")))) {
            return "not an OSGi R4+ bundle: Bundle-ManifestVersion must be 2";
        }
        return null;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** What reading the jar may cost: entries and inflated bytes, counted as they are read. */
    private static final class Budget {
        private final DeployLimits limits;
        /** One buffer for every entry: a jar may have tens of thousands. */
        private final byte[] buffer = new byte[64 * 1024];
        private long entries;
        private long inflated;

        Budget(DeployLimits limits) {
            this.limits = limits;
        }

        void entries(long more) throws Refused {
            entries += more;
            if (entries > limits.jarEntries()) {
                throw new Refused("more than " + limits.jarEntries() + " entries (switchboard.deploy.jar.max.entries):"
                        + " refused as a zip bomb");
            }
        }

        /** Reads an entry whole (kept only when {@code keep} allows it), counting every inflated byte. */
        byte[] read(InputStream in, long keep, String name) throws IOException {
            ByteArrayOutputStream kept = keep == Long.MAX_VALUE ? null : new ByteArrayOutputStream();
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                inflated += n;
                if (inflated > limits.jarInflatedBytes()) {
                    throw new Refused("inflates to more than " + DeployLimits.size(limits.jarInflatedBytes())
                            + " (switchboard.deploy.jar.max.inflated; at " + name + "): refused as a zip bomb");
                }
                if (kept != null) {
                    if (size > keep) {
                        throw new Refused(name + " inflates to more than " + DeployLimits.size(keep)
                                + ": refused as a zip bomb");
                    }
                    kept.write(buffer, 0, n);
                }
            }
            return kept == null ? null : kept.toByteArray();
        }
    }

    /** A jar refused on its content; the message says why. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}

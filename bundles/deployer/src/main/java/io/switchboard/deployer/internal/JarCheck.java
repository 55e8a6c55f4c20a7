package io.switchboard.deployer.internal;

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
 * looked through for calls that would end the platform ({@link ExitCalls}).
 */
final class JarCheck {

    /** Felix reads the whole manifest into memory: a larger one is a bomb, not a bundle. */
    private static final int MANIFEST_MAX = 1 << 20;
    /** A class file's constant pool alone limits it far below this. */
    private static final int CLASS_MAX = 16 << 20;

    private JarCheck() {
    }

    /** @return null when the file is a jar with an OSGi manifest and no exit call; otherwise the reason it is not */
    static String problem(File file, DeployLimits limits) {
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
                        String exit = inspect(e.getName(), in, budget, true);
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

    /** @return the refusal for an exit call in this entry (or, one level down, in a nested jar's entries), or null */
    private static String inspect(String name, InputStream in, Budget budget, boolean outer) throws IOException {
        if (name.endsWith(".class")) {
            byte[] bytes = budget.read(in, CLASS_MAX, name);
            String exit;
            try {
                exit = ExitCalls.find(bytes);
            } catch (IOException e) {
                throw new Refused(name + " cannot be inspected (" + e.getMessage() + "): refused");
            }
            return exit == null ? null : "calls " + exit + " (in " + name + "): a bundle may not end the platform; "
                    + "refused (an activator that cannot start should throw instead)";
        }
        if (outer && name.endsWith(".jar")) {
            ZipInputStream nested = new ZipInputStream(in);
            for (ZipEntry e = nested.getNextEntry(); e != null; e = nested.getNextEntry()) {
                budget.entries(1);
                String exit = inspect(name + "!/" + e.getName(), nested, budget, false);
                if (exit != null) {
                    return exit;
                }
            }
            return null;
        }
        budget.read(in, Long.MAX_VALUE, name);
        return null;
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
            byte[] buffer = new byte[64 * 1024];
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

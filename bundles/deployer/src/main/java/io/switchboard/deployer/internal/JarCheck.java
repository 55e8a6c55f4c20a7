package io.switchboard.deployer.internal;

import java.io.File;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

/**
 * Says why a file is not an installable bundle before the framework sees it, in words an operator can act on
 * (the framework's own errors for these cases are terse or absent).
 */
final class JarCheck {

    private JarCheck() {
    }

    /** @return null when the file is a jar with an OSGi manifest; otherwise the reason it is not */
    static String problem(File file) {
        Manifest manifest;
        try (JarFile jar = new JarFile(file)) {
            manifest = jar.getManifest();
        } catch (ZipException e) {
            return "not a jar (zip) file: " + e.getMessage();
        } catch (IOException | SecurityException e) {
            return "cannot be read as a jar: " + e.getMessage();
        }
        if (manifest == null) {
            return "not an OSGi bundle: the jar has no META-INF/MANIFEST.MF";
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
}

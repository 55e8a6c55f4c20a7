package io.switchboard.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.felix.cm.file.ConfigurationHandler;
import org.osgi.service.cm.Configuration;

/**
 * Stores a checked configuration where it lives: its file in a watched folder ({@code .cfg} keeps the operator's
 * comments and key order; {@code .config} is Felix's typed format), or Config Admin for one made there.
 * {@code felix.fileinstall.enableConfigSave} is false on this platform, so nothing writes a change back to its
 * file but this.
 */
final class ConfigWriter {

    /** Set by the deployer on configurations it applied from a file (a file: URI). */
    static final String DEPLOY_FILE = "switchboard.deploy.file";
    /** Set by FileInstall's own configuration installer, were it in charge. */
    static final String FILEINSTALL_FILE = "felix.fileinstall.filename";
    /** Set on configurations a feature carries (the feature id). */
    static final String FEATURE = "switchboard.feature";

    private final WatchedFolders folders;

    ConfigWriter(WatchedFolders folders) {
        this.folders = folders;
    }

    /** The watched file the configuration came from, or null (made through Config Admin, or its file gone). */
    Path sourceFile(Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        for (String key : new String[] {DEPLOY_FILE, FILEINSTALL_FILE}) {
            Object v = p == null ? null : p.get(key);
            if (v != null) {
                try {
                    Path file = Path.of(URI.create(v.toString()));
                    if (folders.isWatched(file)) {
                        return file;
                    }
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    // not a file: URI; treat as made through Config Admin
                }
            }
        }
        return null;
    }

    /** Writes the file atomically; FileInstall sees the rename and the deployer applies it. */
    void write(Path file, Map<String, Object> values) throws IOException {
        byte[] content;
        if (file.getFileName().toString().endsWith(".config")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ConfigurationHandler.write(bytes, new Hashtable<>(values));
            content = bytes.toByteArray();
        } else {
            String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            content = CfgText.rewrite(old, values).getBytes(StandardCharsets.UTF_8);
        }
        WatchedFolders.writeAtomically(file, content);
    }

    /** Replaces the properties of a configuration made through Config Admin (which persists it). */
    void update(Configuration c, Map<String, Object> values) throws IOException {
        c.update(new Hashtable<>(values));
    }

    /** The configuration's properties without those the platform sets. */
    static Map<String, Object> properties(Configuration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        Dictionary<String, Object> p = c.getProperties();
        if (p != null) {
            for (String k : Collections.list(p.keys())) {
                if (!ConfigForm.INTERNAL.contains(k)) {
                    m.put(k, p.get(k));
                }
            }
        }
        return m;
    }

    /** True when both hold the same values (arrays by content; numbers and strings by their text). */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            Object x = ConfigForm.comparable(a.get(k));
            Object y = ConfigForm.comparable(b.get(k));
            if (!Objects.equals(x, y) && !String.valueOf(x).equals(String.valueOf(y))) {
                return false;
            }
        }
        return true;
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}

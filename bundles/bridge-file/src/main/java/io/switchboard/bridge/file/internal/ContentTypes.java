package io.switchboard.bridge.file.internal;

import java.util.Locale;
import java.util.Map;

/** Media types of files: guessed from a name's extension, whether one is text, and the extension one gets. */
final class ContentTypes {

    static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of("json", "application/json", "xml",
            "application/xml", "csv", "text/csv", "txt", "text/plain", "ndjson", "application/x-ndjson", "html",
            "text/html", "yaml", "application/yaml", "yml", "application/yaml");

    private ContentTypes() {
    }

    /** The media type a file name suggests: .json, .xml, .csv, .txt (and a few more) are text, anything else bytes. */
    static String guess(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, OCTET_STREAM);
    }

    /** True for text/*, JSON, XML, YAML and their +json/+xml kinds: such a body travels as a text message. */
    static boolean isText(String contentType) {
        String t = base(contentType);
        return t.startsWith("text/") || t.equals("application/json") || t.equals("application/xml")
                || t.equals("application/yaml") || t.equals("application/x-ndjson") || t.endsWith("+json")
                || t.endsWith("+xml");
    }

    /** The extension (with its dot) a file of this media type gets when a name template does not say: ".bin" else. */
    static String extension(String contentType) {
        String t = base(contentType);
        for (Map.Entry<String, String> e : BY_EXTENSION.entrySet()) {
            if (e.getValue().equals(t) && !e.getKey().equals("yml")) {
                return "." + e.getKey();
            }
        }
        if (t.endsWith("+json")) {
            return ".json";
        }
        if (t.endsWith("+xml")) {
            return ".xml";
        }
        return t.startsWith("text/") ? ".txt" : ".bin";
    }

    private static String base(String contentType) {
        if (contentType == null) {
            return "application/json"; // the header convention: absent means JSON
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}

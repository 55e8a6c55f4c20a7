package io.switchboard.bridge.file.internal;

import io.switchboard.routing.PermanentFailure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a message's file gets: a template of {@code ${HEADER}} (a header's value, which may hold sub-folders as
 * Camel's {@code CamelFileName} may) and {@code ${date:PATTERN}} (now, in the platform's time zone). Without a
 * template: the message id and the extension of its content type ({@code 6f1c....json}); a message without an id
 * (a route's message that never had {@code SB_MESSAGE_ID}) is named by the SHA-256 of its body instead, so the same
 * message tried again gets the same name.
 */
final class FileNames {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final String template;

    private FileNames(String template) {
        this.template = template;
    }

    /** @throws IllegalArgumentException naming fileName when a placeholder is not a header name or date pattern */
    static FileNames of(String template) {
        String t = template == null || template.isBlank() ? null : template.trim();
        if (t != null) {
            Matcher m = PLACEHOLDER.matcher(t);
            while (m.find()) {
                String p = m.group(1);
                if (p.startsWith("date:")) {
                    try {
                        DateTimeFormatter.ofPattern(p.substring(5));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("fileName: ${" + p + "} is not a date pattern: "
                                + e.getMessage());
                    }
                } else if (!HEADER.matcher(p).matches()) {
                    throw new IllegalArgumentException("fileName: ${" + p + "} is not a header name or ${date:PATTERN}");
                }
            }
            if (t.replace("$", "").contains("{") && !PLACEHOLDER.matcher(t).find()) {
                throw new IllegalArgumentException("fileName = '" + t + "' has an unclosed ${");
            }
        }
        return new FileNames(t);
    }

    /**
     * The relative name of a message's file.
     *
     * @throws PermanentFailure when the template names a header the message does not have
     */
    String name(Map<String, String> headers, String contentType, byte[] body, Instant now) throws PermanentFailure {
        if (template == null) {
            String id = headers.get("SB_MESSAGE_ID");
            return (id == null || id.isBlank() ? sha256(body) : id) + ContentTypes.extension(contentType);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String value;
            if (p.startsWith("date:")) {
                value = DateTimeFormatter.ofPattern(p.substring(5)).withZone(ZoneId.systemDefault()).format(now);
            } else {
                value = headers.get(p);
                if (value == null) {
                    throw new PermanentFailure("fileName = '" + template + "': the message has no header " + p);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    @Override
    public String toString() {
        return template == null ? "${SB_MESSAGE_ID}.<ext>" : template;
    }
}

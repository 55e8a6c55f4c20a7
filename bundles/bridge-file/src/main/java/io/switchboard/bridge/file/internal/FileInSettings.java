package io.switchboard.bridge.file.internal;

import io.switchboard.kernel.api.Durations;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What one file-in configuration says, checked: every refusal names its field.
 *
 * @param instance the instance's name
 * @param folder the folder polled, absolute
 * @param to the target URI of its own route, or null when only route files take its files
 * @param names which names are taken
 * @param interval between two polls
 * @param stableFor how long size and modification time must stay put (unused with a done-file)
 * @param doneFile the done-file template, or null
 * @param delete delete a routed file instead of moving it to done/
 * @param maxAttempts failed attempts before error/
 * @param maxBytes the largest whole-file message; the longest line when split
 * @param splitLines one message per line
 * @param contentType the configured media type, or null to guess by name
 * @param charset of text files
 * @param required whether the platform is not ready without this instance
 */
record FileInSettings(String instance, Path folder, String to, NameFilter names, Duration interval,
        Duration stableFor, DoneFiles doneFile, boolean delete, int maxAttempts, long maxBytes, boolean splitLines,
        String contentType, Charset charset, boolean required) {

    /** The largest whole-file message: a message is held in memory, and a JMS body is an array. */
    static final long MAX_BYTES = 1L << 30;

    /** The bridge's name in status, logs and the {@code SB_BRIDGE} header. */
    String bridge() {
        return "file.in~" + instance;
    }

    /** The media type of a file of this name. */
    String contentTypeOf(String fileName) {
        return contentType != null ? contentType : ContentTypes.guess(fileName);
    }

    static FileInSettings of(String instance, FileInConfiguration c, Path home) {
        Path folder = HomePaths.folder("folder", c.folder(), home);
        String to = blank(c.to()) ? null : c.to().trim();
        if (!blank(c.type())) {
            if (to != null) {
                throw new IllegalArgumentException("to and type are both set: give one (type = T is to = dispatch:T)");
            }
            String type = c.type().trim();
            if (!type.matches("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*")) {
                throw new IllegalArgumentException("type = '" + type + "' is not a message type (a.b.c)");
            }
            to = "dispatch:" + type + (blank(c.operation()) ? "" : "#" + c.operation().trim());
        } else if (!blank(c.operation())) {
            throw new IllegalArgumentException("operation is set without a type");
        }
        if (to != null && !to.matches("[a-z][a-z0-9+.\\-]*:.+")) {
            throw new IllegalArgumentException("to = '" + to + "' is not a target URI (jms:queue:NAME, "
                    + "deliver:ENDPOINT, dispatch:TYPE, ...)");
        }
        Duration interval = Durations.parse("interval", c.interval());
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval = '" + c.interval() + "' must be at least 10ms");
        }
        Duration stable = Durations.parse("stableFor", c.stableFor());
        DoneFiles done = blank(c.doneFile()) ? null : DoneFiles.of(c.doneFile().trim());
        if (c.maxAttempts() < 1) {
            throw new IllegalArgumentException("maxAttempts = " + c.maxAttempts() + " must be at least 1");
        }
        if (c.maxBytes() < 1 || c.maxBytes() > MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes = " + c.maxBytes() + " must be 1 to " + MAX_BYTES
                    + " (a larger file is taken line by line with split = lines)");
        }
        String split = c.split() == null ? "none" : c.split().trim().toLowerCase(Locale.ROOT);
        if (!split.equals("none") && !split.equals("lines")) {
            throw new IllegalArgumentException("split = '" + c.split() + "' must be none or lines");
        }
        Charset charset;
        try {
            charset = Charset.forName(c.charset().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("charset = '" + c.charset() + "' is not a character set");
        }
        String contentType = blank(c.contentType()) ? null : c.contentType().trim();
        return new FileInSettings(instance, folder, to, NameFilter.of(c.include(), c.exclude(), done), interval,
                stable, done, c.delete(), c.maxAttempts(), c.maxBytes(), split.equals("lines"), contentType, charset,
                c.required());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

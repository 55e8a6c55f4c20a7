package io.switchboard.bridge.file.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.routing.RouteMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages a claimed file becomes: the whole file (at most {@code maxBytes}), or one message per line. The body
 * is the file's bytes; when its media type is text, the body travels as text, converted from the file's charset to
 * UTF-8. Headers: {@code SB_MESSAGE_ID} (the file's stable id; {@code <id>:<line>} for a line), {@code SB_FILE_NAME},
 * {@code SB_FILE_SIZE}, {@code SB_FILE_MODIFIED} (epoch milliseconds), {@code SB_CONTENT_TYPE}, {@code SB_BRIDGE},
 * and {@code SB_FILE_LINE} for a line.
 */
final class FileMessages {

    static final String FILE_NAME = "SB_FILE_NAME";
    static final String FILE_SIZE = "SB_FILE_SIZE";
    static final String FILE_MODIFIED = "SB_FILE_MODIFIED";
    static final String FILE_LINE = "SB_FILE_LINE";

    private final FileInSettings settings;

    FileMessages(FileInSettings settings) {
        this.settings = settings;
    }

    /**
     * The whole file as one message.
     *
     * @throws Unfit when it is larger than maxBytes or not text in its charset
     */
    RouteMessage whole(Claim claim) throws IOException, Unfit {
        if (claim.size() > settings.maxBytes()) {
            throw new Unfit(claim.name() + " is " + claim.size() + " bytes, more than maxBytes = "
                    + settings.maxBytes() + ": raise maxBytes, or set split = lines to take it line by line");
        }
        byte[] body;
        try (InputStream in = claim.open()) {
            body = in.readNBytes((int) settings.maxBytes() + 1);
        }
        if (body.length > settings.maxBytes()) {
            throw new Unfit(claim.name() + " grew beyond maxBytes = " + settings.maxBytes() + " while it was read");
        }
        String contentType = settings.contentTypeOf(claim.name());
        boolean text = ContentTypes.isText(contentType);
        if (text) {
            body = utf8(claim, body);
        }
        return new RouteMessage(headers(claim, claim.id(), contentType), body, text);
    }

    /** The lines of the file, streamed. */
    LineReader lines(Claim claim) throws IOException {
        return new LineReader(claim.open(), settings.charset(), settings.maxBytes());
    }

    /** One line of the file as a message: text, whatever the file's media type. */
    RouteMessage line(Claim claim, long number, String line) {
        Map<String, Object> h = headers(claim, claim.id() + ":" + number, settings.contentTypeOf(claim.name()));
        h.put(FILE_LINE, number);
        return new RouteMessage(h, line.getBytes(StandardCharsets.UTF_8), true);
    }

    private Map<String, Object> headers(Claim claim, String id, String contentType) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put(BridgeHeaders.MESSAGE_ID, id);
        h.put(FILE_NAME, claim.name());
        h.put(FILE_SIZE, claim.size());
        h.put(FILE_MODIFIED, claim.modified());
        h.put(BridgeHeaders.CONTENT_TYPE, contentType);
        h.put(BridgeHeaders.SOURCE, settings.bridge());
        return h;
    }

    private byte[] utf8(Claim claim, byte[] body) throws Unfit {
        try {
            String s = settings.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return settings.charset().equals(StandardCharsets.UTF_8) ? body : s.getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new Unfit(claim.name() + " is not " + settings.charset().name() + " text (" + e
                    + "): set charset, or contentType = application/octet-stream to take it as bytes");
        }
    }
}

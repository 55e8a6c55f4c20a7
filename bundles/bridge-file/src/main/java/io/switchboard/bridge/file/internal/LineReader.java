package io.switchboard.bridge.file.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * The lines of a file, one at a time, never more than one line in memory: a line ends at {@code \n} (a {@code \r}
 * before it is dropped), and a line longer than the limit is an error rather than a reason to read on without end
 * (a 10 GB file without a line break). Bytes that are not text in the file's charset are an error too.
 */
final class LineReader implements AutoCloseable {

    private final Reader reader;
    private final long maxChars;
    private final Charset charset;
    private final StringBuilder line = new StringBuilder();
    private long number;
    private boolean ended;

    LineReader(InputStream in, Charset charset, long maxChars) {
        this.reader = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.charset = charset;
        this.maxChars = maxChars;
    }

    /** The number of the line {@link #next} returned last, from 1. */
    long number() {
        return number;
    }

    /**
     * The next line, without its line break, or null at the end.
     *
     * @throws Unfit when the line is longer than the limit or is not text in the charset
     */
    String next() throws IOException, Unfit {
        if (ended) {
            return null;
        }
        line.setLength(0);
        try {
            int c;
            while ((c = reader.read()) >= 0) {
                if (c == '\n') {
                    return take();
                }
                if (line.length() >= maxChars) {
                    throw new Unfit("line " + (number + 1) + " is longer than maxBytes = " + maxChars);
                }
                line.append((char) c);
            }
        } catch (CharacterCodingException e) {
            throw new Unfit("line " + (number + 1) + " is not " + charset.name() + " text (" + e + "); set charset");
        }
        ended = true;
        return line.isEmpty() ? null : take();
    }

    private String take() {
        number++;
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

package io.switchboard.bridge.exec.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one of a program's output pipes to its end on a thread of its own, keeping at most a given number of bytes:
 * a pipe nobody reads fills up (64 KiB on Linux) and the program blocks on its next write for ever, so everything
 * beyond what is kept is read and discarded. {@link #head} keeps the first bytes (stdout, the reply), {@link #tail}
 * the last ones (stderr, where the reason for a failure is usually the last thing written).
 */
abstract class Capture implements Runnable {

    private final InputStream in;
    private long total;
    private IOException error;

    private Capture(InputStream in) {
        this.in = in;
    }

    /** Keeps the first {@code max} bytes; {@code overflow} runs once when more comes. */
    static Capture head(InputStream in, long max, Runnable overflow) {
        return new Head(in, max, overflow);
    }

    /** Keeps the last {@code max} bytes. */
    static Capture tail(InputStream in, long max) {
        return new Tail(in, max);
    }

    @Override
    public final void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                keep(buffer, n);
            }
        } catch (IOException e) {
            error = e; // the stream was closed under us: what was read stands
        }
    }

    /** All bytes the program wrote, kept or not. Read it after the run completed. */
    final long total() {
        return total;
    }

    /** Whether more was written than kept. */
    final boolean truncated() {
        return total > kept().length;
    }

    final IOException error() {
        return error;
    }

    abstract void keep(byte[] buffer, int n);

    /** What was kept. Read it after the run completed. */
    abstract byte[] kept();

    private static final class Head extends Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final long max;
        private final Runnable overflow;
        private boolean over;

        Head(InputStream in, long max, Runnable overflow) {
            super(in);
            this.max = max;
            this.overflow = overflow;
        }

        @Override
        void keep(byte[] buffer, int n) {
            int room = (int) Math.min(n, max - kept.size());
            if (room > 0) {
                kept.write(buffer, 0, room);
            }
            if (room < n && !over) {
                over = true;
                overflow.run();
            }
        }

        @Override
        byte[] kept() {
            return kept.toByteArray();
        }
    }

    private static final class Tail extends Capture {
        private final byte[] ring;
        private long written;

        Tail(InputStream in, long max) {
            super(in);
            this.ring = new byte[(int) max];
        }

        @Override
        void keep(byte[] buffer, int n) {
            if (ring.length == 0) {
                return;
            }
            int skip = Math.max(0, n - ring.length); // bytes that the later ones of this read overwrite anyway
            int from = skip;
            while (from < n) {
                int pos = (int) ((written + from) % ring.length);
                int len = Math.min(n - from, ring.length - pos);
                System.arraycopy(buffer, from, ring, pos, len);
                from += len;
            }
            written += n;
        }

        @Override
        byte[] kept() {
            if (written <= ring.length) {
                return Arrays.copyOf(ring, (int) written);
            }
            int start = (int) (written % ring.length);
            byte[] out = new byte[ring.length];
            System.arraycopy(ring, start, out, 0, ring.length - start);
            System.arraycopy(ring, 0, out, ring.length - start, start);
            return out;
        }
    }
}

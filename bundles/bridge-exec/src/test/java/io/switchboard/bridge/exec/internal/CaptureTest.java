package io.switchboard.bridge.exec.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaptureTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void theTailKeepsTheLastBytesInOrderAcrossReadsOfAnySize() {
        byte[] all = bytes(100_000);
        for (int chunk : new int[] {1, 7, 999, 8192}) {
            Capture tail = Capture.tail(chunked(all, chunk), 1000);
            tail.run();
            assertArrayEquals(java.util.Arrays.copyOfRange(all, 99_000, 100_000), tail.kept(), "chunks of " + chunk);
            assertEquals(100_000, tail.total());
            assertTrue(tail.truncated());
        }
        Capture small = Capture.tail(new ByteArrayInputStream(bytes(10)), 1000);
        small.run();
        assertArrayEquals(bytes(10), small.kept());
        assertFalse(small.truncated());
    }

    @Test
    void theHeadKeepsTheFirstBytesSaysOnceWhenMoreComesAndReadsToTheEnd() {
        AtomicInteger overflows = new AtomicInteger();
        Capture head = Capture.head(chunked(bytes(50_000), 100), 1000, overflows::incrementAndGet);
        head.run();
        assertArrayEquals(java.util.Arrays.copyOf(bytes(50_000), 1000), head.kept());
        assertEquals(50_000, head.total());
        assertEquals(1, overflows.get());
    }

    /** A stream that gives at most {@code chunk} bytes per read, as a pipe does. */
    private static InputStream chunked(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}

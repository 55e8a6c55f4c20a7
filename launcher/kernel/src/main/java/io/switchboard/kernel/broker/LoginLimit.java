package io.switchboard.kernel.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a broker connection: until the broker accepts its login, the client may send at most
 * {@code limit} bytes between two answers of the broker (so no frame before the login is larger), and in a protocol
 * whose frames start with their length (Core, OpenWire) no frame may announce more; beyond that it is told so (where
 * the protocol has a way) and disconnected, and nothing it sent is kept. The announced length matters because
 * Artemis's OpenWire decoder allocates a buffer of the announced size at once: 13 bytes would otherwise have the broker
 * allocate 2 GB. Once logged in, the handler steps out of the pipeline and the protocol's own limits apply.
 */
final class LoginLimit extends ChannelDuplexHandler {

    static final String NAME = "switchboard-login-limit";
    private static final Logger LOG = LoggerFactory.getLogger(LoginLimit.class);

    /** How a protocol says "logged in", and how it refuses an oversized login. */
    interface Answer {

        /** True when {@code sent}, the broker's first bytes after the login, accept it. */
        boolean loggedIn(ByteBuf sent);

        /** What the client is told before it is disconnected; empty for nothing. */
        byte[] refusal(int limit);

        /** Whether each frame starts with its length, 4 bytes big-endian, not counting themselves. */
        default boolean lengthFirst() {
            return false;
        }

        /**
         * Whether an answer that looks like an accepted login must be confirmed by the broker having authenticated the
         * connection: an OpenWire Response also answers any command sent before the login that asks for one.
         */
        default boolean confirmed() {
            return false;
        }
    }

    /** STOMP: {@code CONNECTED} accepts; an {@code ERROR} frame refuses. */
    static final Answer STOMP = new Answer() {
        private final byte[] connected = "CONNECTED".getBytes(StandardCharsets.US_ASCII);

        @Override
        public boolean loggedIn(ByteBuf sent) {
            if (sent.readableBytes() < connected.length) {
                return false;
            }
            for (int i = 0; i < connected.length; i++) {
                if (sent.getByte(sent.readerIndex() + i) != connected[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public byte[] refusal(int limit) {
            String message = "more than " + limit + " bytes before login";
            return ("ERROR\ncontent-type:text/plain\nmessage:" + message + "\n\n" + message + "\0")
                    .getBytes(StandardCharsets.UTF_8);
        }
    };

    /** MQTT 3.1.1 and 5: a CONNACK with return (reason) code 0 accepts. */
    static final Answer MQTT = new Answer() {
        @Override
        public boolean loggedIn(ByteBuf sent) {
            int at = sent.readerIndex();
            int end = sent.writerIndex();
            if (end - at < 4 || (sent.getByte(at) & 0xFF) != 0x20) {
                return false;
            }
            int i = at + 1;
            while (i < end && (sent.getByte(i) & 0x80) != 0) {
                i++; // the remaining length, a variable byte integer
            }
            int code = i + 2; // after the length: the acknowledge flags, then the code
            return code < end && sent.getByte(code) == 0;
        }

        @Override
        public byte[] refusal(int limit) {
            return new byte[0]; // MQTT answers a malformed CONNECT by closing the connection
        }
    };

    /**
     * Core: a CREATESESSION_RESP packet (type 31) accepts. Core's decoder would otherwise buffer a packet of any
     * announced length (up to 2 GB), and it is the protocol an unrecognised client falls to. The "ARTEMIS" a client
     * sends first is taken off by the protocol's handshake, before this.
     */
    static final Answer CORE = lengthFirst(31);

    /**
     * OpenWire: a Response command (type 30) accepts the ConnectionInfo that carries the login; a refused login gets an
     * ExceptionResponse (31). Clients must keep the size prefix on (the default; Artemis's decoder needs it too).
     */
    static final Answer OPENWIRE = new Answer() {
        private final Answer framed = LoginLimit.lengthFirst(30);

        @Override
        public boolean loggedIn(ByteBuf sent) {
            return framed.loggedIn(sent);
        }

        @Override
        public byte[] refusal(int limit) {
            return framed.refusal(limit);
        }

        @Override
        public boolean lengthFirst() {
            return true;
        }

        @Override
        public boolean confirmed() {
            return true;
        }
    };

    /** A protocol whose frames start with their length, then a type byte; a frame of {@code accepted} type accepts. */
    private static Answer lengthFirst(int accepted) {
        return new Answer() {
            @Override
            public boolean loggedIn(ByteBuf sent) {
                return sent.readableBytes() >= 5 && sent.getByte(sent.readerIndex() + 4) == accepted;
            }

            @Override
            public byte[] refusal(int limit) {
                return new byte[0]; // neither protocol has a frame for it before a session exists
            }

            @Override
            public boolean lengthFirst() {
                return true;
            }
        };
    }

    private final String protocol;
    private final int limit;
    private final Answer answer;
    private final Predicate<Channel> authenticated;
    private long received;
    private boolean refused;
    /** Where the client is in its frames, when they start with their length: the length's bytes read, the rest. */
    private int lengthRead;
    private long length;
    private long frameLeft;

    /**
     * @param authenticated whether the broker authenticated the connection on a channel (asked only where the
     *                      protocol's answer needs {@link Answer#confirmed() confirming})
     */
    LoginLimit(String protocol, int limit, Answer answer, Predicate<Channel> authenticated) {
        this.protocol = protocol;
        this.limit = limit;
        this.answer = answer;
        this.authenticated = authenticated;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        received += bytes.readableBytes();
        long announced = answer.lengthFirst() && !refused ? largestAnnounced(bytes) : 0;
        if (!refused && received <= limit && announced <= limit) {
            ctx.fireChannelRead(msg);
            return;
        }
        bytes.release();
        if (!refused) {
            refused = true;
            LOG.warn("Broker: {} connection from {} closed: {} before its login", protocol,
                    ctx.channel().remoteAddress(), announced > limit
                            ? "a frame announcing " + announced + " bytes, more than " + limit
                            : "more than " + limit + " bytes");
            ctx.writeAndFlush(Unpooled.wrappedBuffer(answer.refusal(limit))).addListener(ChannelFutureListener.CLOSE);
            // a client that reads nothing may keep the refusal from ever being written: close regardless
            ctx.executor().schedule(() -> ctx.channel().close(), 1, TimeUnit.SECONDS);
        }
    }

    /** Follows the frames through {@code bytes}; returns the largest length a frame starting in them announced. */
    private long largestAnnounced(ByteBuf bytes) {
        long largest = 0;
        int at = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (at < end) {
            if (frameLeft > 0) {
                int skipped = (int) Math.min(frameLeft, end - at);
                frameLeft -= skipped;
                at += skipped;
                continue;
            }
            length = length << 8 | (bytes.getByte(at++) & 0xFF);
            if (++lengthRead == 4) {
                largest = Math.max(largest, length);
                frameLeft = length;
                length = 0;
                lengthRead = 0;
            }
        }
        return largest;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean accepted = !refused && msg instanceof ByteBuf bytes && answer.loggedIn(bytes)
                && (!answer.confirmed() || authenticated.test(ctx.channel()));
        ctx.write(msg, promise);
        if (accepted) {
            ctx.pipeline().remove(this);
        } else if (!refused) {
            received = 0; // the broker answered a whole frame (a ping, a refusal): the next one is counted afresh
        }
    }
}

package io.switchboard.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoginLimitTest {

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void aStompClientThatSendsMoreThanTheLimitBeforeItsLoginIsToldAndDisconnectedAndNothingIsPassedOn() {
        EmbeddedChannel channel = new EmbeddedChannel(new LoginLimit("STOMP", 1000, LoginLimit.STOMP, c -> true));
        assertTrue(channel.writeInbound(bytes(600)), "within the limit: passed on");
        ((ByteBuf) channel.readInbound()).release();
        channel.writeInbound(bytes(600));
        assertNull(channel.readInbound(), "beyond the limit nothing reaches the protocol");
        ByteBuf told = channel.readOutbound();
        assertNotNull(told);
        String error = told.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("ERROR\n") && error.contains("more than 1000 bytes before login"), error);
        assertFalse(channel.isOpen(), "disconnected");
    }

    @Test
    void afterTheBrokerAcceptsTheLoginTheLimitStepsAside() {
        EmbeddedChannel channel = new EmbeddedChannel(new LoginLimit("STOMP", 1000, LoginLimit.STOMP, c -> true));
        channel.writeInbound(text("CONNECT\nlogin:a\npasscode:b\n\n\0"));
        ((ByteBuf) channel.readInbound()).release();
        channel.writeOutbound(text("CONNECTED\nversion:1.2\n\n\0"));
        ((ByteBuf) channel.readOutbound()).release();
        assertNull(channel.pipeline().get(LoginLimit.class));
        assertTrue(channel.writeInbound(bytes(5000)), "a logged-in client sends as much as the protocol allows");
    }

    @Test
    void aRefusedLoginKeepsTheLimit() {
        EmbeddedChannel channel = new EmbeddedChannel(new LoginLimit("STOMP", 1000, LoginLimit.STOMP, c -> true));
        channel.writeOutbound(text("ERROR\nmessage:Security Error\n\n\0"));
        ((ByteBuf) channel.readOutbound()).release();
        assertNotNull(channel.pipeline().get(LoginLimit.class));
        channel.writeInbound(bytes(1001));
        assertNull(channel.readInbound());
        assertFalse(channel.isOpen());
    }

    @Test
    void mqttCountsOnlyASuccessfulConnackAsALogin() {
        EmbeddedChannel refused = new EmbeddedChannel(new LoginLimit("MQTT", 1000, LoginLimit.MQTT, c -> true));
        refused.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0x20, 2, 0, 5}));
        assertNotNull(refused.pipeline().get(LoginLimit.class), "CONNACK 5: not authorized");
        refused.writeInbound(bytes(2000));
        assertNull(refused.readInbound());
        assertEquals(4, ((ByteBuf) refused.readOutbound()).readableBytes(), "the broker's CONNACK");
        assertEquals(0, ((ByteBuf) refused.readOutbound()).readableBytes(), "then nothing said");
        assertFalse(refused.isOpen(), "closed without an answer: MQTT has none for a malformed CONNECT");

        EmbeddedChannel accepted = new EmbeddedChannel(new LoginLimit("MQTT", 1000, LoginLimit.MQTT, c -> true));
        accepted.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0x20, 3, 0, 0, 0})); // MQTT 5: no properties
        assertNull(accepted.pipeline().get(LoginLimit.class));
    }

    @Test
    void coreCountsBytesBetweenTheBrokersAnswersAndStepsAsideAtTheSessionResponse() {
        EmbeddedChannel channel = new EmbeddedChannel(new LoginLimit("CORE", 1000, LoginLimit.CORE, c -> true));
        for (int i = 0; i < 5; i++) {
            channel.writeInbound(bytes(600));
            ((ByteBuf) channel.readInbound()).release();
            channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 9, 10, 0, 0, 0, 0, 0, 0, 0, 0})); // a ping
            ((ByteBuf) channel.readOutbound()).release();
        }
        assertTrue(channel.isOpen(), "small frames answered one by one are fine, however many");
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 9, 31, 0, 0, 0, 0, 0, 0, 0, 0}));
        assertNull(channel.pipeline().get(LoginLimit.class), "logged in");
    }

    @Test
    void anOpenWireFrameAnnouncingMoreThanTheLimitIsRefusedBeforeItsBytesArrive() {
        // Artemis's OpenWire decoder would allocate the announced 2 GB on these 13 bytes
        EmbeddedChannel channel = new EmbeddedChannel(new LoginLimit("OPENWIRE", 1000, LoginLimit.OPENWIRE, c -> true));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1,
            'A', 'c', 't', 'i', 'v', 'e', 'M', 'Q'}));
        assertNull(channel.readInbound(), "nothing reaches the protocol");
        assertFalse(channel.isOpen());
    }

    @Test
    void lengthsAreFollowedAcrossReadsAndFramesAndOnlyAResponseIsALogin() {
        EmbeddedChannel channel = new EmbeddedChannel(new LoginLimit("OPENWIRE", 1000, LoginLimit.OPENWIRE, c -> true));
        // a 500-byte frame, then a 600-byte one whose length arrives split over two reads
        ByteBuf first = Unpooled.buffer();
        first.writeInt(500).writeBytes(new byte[500]).writeByte(0).writeByte(0);
        assertTrue(channel.writeInbound(first));
        ((ByteBuf) channel.readInbound()).release();
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 31})); // an ExceptionResponse
        ((ByteBuf) channel.readOutbound()).release();
        assertNotNull(channel.pipeline().get(LoginLimit.class), "a refused login keeps the limit");
        assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x02, 0x58})), "600: within the limit");
        ((ByteBuf) channel.readInbound()).release();
        channel.writeInbound(bytes(600));
        ((ByteBuf) channel.readInbound()).release();
        channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 30})); // a Response
        assertNull(channel.pipeline().get(LoginLimit.class), "logged in");

        EmbeddedChannel split = new EmbeddedChannel(new LoginLimit("CORE", 1000, LoginLimit.CORE, c -> true));
        split.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0}));
        ((ByteBuf) split.readInbound()).release();
        split.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x10, 0x00, 5}));
        assertNull(split.readInbound(), "4096 announced over two reads: refused");
        assertFalse(split.isOpen());
    }

    @Test
    void anOpenWireResponseEndsTheLimitOnlyOnceTheBrokerAuthenticatedTheConnection() {
        // a command sent before the login that asks for a response gets a plain Response too
        EmbeddedChannel early = new EmbeddedChannel(new LoginLimit("OPENWIRE", 1000, LoginLimit.OPENWIRE, c -> false));
        early.writeOutbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 30}));
        assertNotNull(early.pipeline().get(LoginLimit.class), "not logged in: the limit stays");
        early.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, 1}));
        assertNull(early.readInbound());
        assertFalse(early.isOpen());
    }
}

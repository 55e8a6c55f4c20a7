package io.switchboard.it.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Platform;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases for a Jakarta JMS 3.1 client library; each subclass supplies the library's
 * ConnectionFactory. Every case uses its own destinations, so the cases and classes never see each other's
 * messages.
 */
abstract class JakartaJmsConformance {

    static final long WAIT = 5000;

    protected final Platform platform = SharedPlatform.get();

    /** The library's factory for this platform's broker port. */
    protected abstract ConnectionFactory factory();

    /** A name unique to one case. */
    protected String unique(String what) {
        return "conf." + getClass().getSimpleName() + "." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private Connection admin() throws JMSException {
        return factory().createConnection(SharedPlatform.admin(), SharedPlatform.adminPassword());
    }

    @Test
    void sendAndReceiveOnAQueue() throws JMSException {
        try (Connection c = admin()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(unique("queue"));
            s.createProducer(q).send(s.createTextMessage("to the queue"));
            TextMessage m = (TextMessage) s.createConsumer(q).receive(WAIT);
            assertNotNull(m);
            assertEquals("to the queue", m.getText());
        }
    }

    @Test
    void publishAndSubscribeOnATopic() throws JMSException {
        try (Connection c = admin()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic t = s.createTopic(unique("topic"));
            MessageConsumer first = s.createConsumer(t);
            MessageConsumer second = s.createConsumer(t);
            s.createProducer(t).send(s.createTextMessage("to all"));
            assertEquals("to all", ((TextMessage) first.receive(WAIT)).getText());
            assertEquals("to all", ((TextMessage) second.receive(WAIT)).getText());
        }
    }

    @Test
    void aDurableSubscriptionKeepsMessagesAcrossAReconnect() throws JMSException {
        String topic = unique("durable");
        String clientId = unique("client");
        try (Connection c = admin()) {
            c.setClientID(clientId);
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createDurableSubscriber(s.createTopic(topic), "sub").close();
        }
        try (Connection c = admin()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createTopic(topic)).send(s.createTextMessage("while away"));
        }
        try (Connection c = admin()) {
            c.setClientID(clientId);
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer sub = s.createDurableSubscriber(s.createTopic(topic), "sub");
            TextMessage m = (TextMessage) sub.receive(WAIT);
            assertNotNull(m, "the message published while the subscriber was away");
            assertEquals("while away", m.getText());
            sub.close();
            s.unsubscribe("sub");
        }
    }

    @Test
    void propertiesAndBodyTypesArrive() throws JMSException {
        try (Connection c = admin()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(unique("types"));
            MessageProducer p = s.createProducer(q);
            TextMessage text = s.createTextMessage("ünïcode ✓");
            text.setStringProperty("s", "v");
            text.setIntProperty("i", 42);
            text.setLongProperty("l", 1L << 40);
            text.setBooleanProperty("b", true);
            text.setDoubleProperty("d", 2.5);
            p.send(text);
            BytesMessage bytes = s.createBytesMessage();
            bytes.writeBytes(new byte[] {0, 1, 2, (byte) 255});
            p.send(bytes);
            MapMessage map = s.createMapMessage();
            map.setString("name", "x");
            map.setInt("n", 7);
            p.send(map);

            MessageConsumer consumer = s.createConsumer(q);
            TextMessage t = (TextMessage) consumer.receive(WAIT);
            assertEquals("ünïcode ✓", t.getText());
            assertEquals("v", t.getStringProperty("s"));
            assertEquals(42, t.getIntProperty("i"));
            assertEquals(1L << 40, t.getLongProperty("l"));
            assertTrue(t.getBooleanProperty("b"));
            assertEquals(2.5, t.getDoubleProperty("d"));
            BytesMessage b = (BytesMessage) consumer.receive(WAIT);
            byte[] read = new byte[(int) b.getBodyLength()];
            b.readBytes(read);
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, read);
            MapMessage m = (MapMessage) consumer.receive(WAIT);
            assertEquals("x", m.getString("name"));
            assertEquals(7, m.getInt("n"));
        }
    }

    @Test
    void requestReplyWithReplyToAndCorrelationId() throws Exception {
        String service = unique("service");
        try (Connection c = admin()) {
            c.start();
            Session responderSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer requests = responderSession.createConsumer(responderSession.createQueue(service));
            MessageProducer replies = responderSession.createProducer(null);
            requests.setMessageListener(request -> {
                try {
                    TextMessage reply = responderSession.createTextMessage("re: " + ((TextMessage) request).getText());
                    reply.setJMSCorrelationID(request.getJMSCorrelationID() != null
                            ? request.getJMSCorrelationID() : request.getJMSMessageID());
                    replies.send(request.getJMSReplyTo(), reply);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var replyTo = s.createTemporaryQueue();
            TextMessage request = s.createTextMessage("ping");
            request.setJMSReplyTo(replyTo);
            request.setJMSCorrelationID("corr-1");
            s.createProducer(s.createQueue(service)).send(request);
            Message reply = s.createConsumer(replyTo).receive(WAIT);
            assertNotNull(reply);
            assertEquals("re: ping", ((TextMessage) reply).getText());
            assertEquals("corr-1", reply.getJMSCorrelationID());
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = factory().createConnection(SharedPlatform.admin(), "wrong")) {
                c.start();
            }
        });
    }

    @Test
    void aRoleWithoutTheRightIsRefused() throws JMSException {
        String queue = unique("rights");
        try (Connection c = factory().createConnection(SharedPlatform.READER, SharedPlatform.PASSWORD)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            JMSException refused = assertThrows(JMSException.class, () -> {
                MessageProducer p = s.createProducer(s.createQueue(queue));
                p.send(s.createTextMessage("a consumer may not send"));
            });
            assertTrue(refused instanceof JMSSecurityException || String.valueOf(refused.getMessage()).contains("permission")
                    || String.valueOf(refused.getMessage()).toLowerCase().contains("unauthorized"), refused.toString());
        }
        // the send was refused in its answer: the broker's own count says whether anything got through
        var listed = platform.queue(queue);
        assertTrue(listed == null || listed.path("messagesAdded").asLong() == 0, "nothing got through: " + listed);
    }
}

package io.switchboard.dispatch.runtime.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.dispatch.MessageHandler;
import io.switchboard.dispatch.Wire;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** What one message can do to a dispatch consumer, on a real in-VM broker: fail itself, never the consumer. */
class DispatchConsumerTest {

    private static EmbeddedActiveMQ broker;
    private static ConnectionFactory factory;

    private Dispatcher dispatcher;
    private Connection client;
    private Session session;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("in-vm", "vm://0"));
        broker.start();
        factory = new ActiveMQConnectionFactory("vm://0");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    @BeforeEach
    void startDispatcher() throws Exception {
        dispatcher = dispatcher(factory);
        dispatcher.activate(defaults(Map.of("maxAttempts", 1)));
        register("echo", m -> m.bodyText());
        register("deep", m -> recurse(0));
        register("unencodable", m -> new Unencodable());
        client = factory.createConnection();
        session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        client.start();
    }

    @AfterEach
    void stopDispatcher() throws Exception {
        dispatcher.deactivate();
        client.close();
    }

    @Test
    void aFourKilobyteTypeIsDeadLetteredAndEveryConsumerGoesOn() throws Exception {
        // bad input as reported: SB_TYPE "a.a.a..." of 4 kB and more, valid by the old pattern
        for (int size : new int[] {4096, 65_536}) {
            TextMessage reply = request("a.".repeat(size / 2) + "a", "{}");
            assertEquals(Wire.ERROR, reply.getStringProperty(Wire.STATUS));
            assertTrue(reply.getText().contains(Wire.NO_TYPE) && reply.getText().contains("at most 255"),
                    reply.getText());
            jakarta.jms.Message dead = deadLetter();
            assertEquals(Wire.NO_TYPE, dead.getStringProperty(Wire.DLQ_REASON));
        }
        awaitReady(dispatcher, true);
        for (int i = 0; i < 8; i++) { // more than the consumers: every one of them still answers
            assertEquals("hello " + i, request("echo", "hello " + i).getText());
        }
    }

    @Test
    void aHandlerThatOverflowsTheStackFailsItsMessageNotTheConsumer() throws Exception {
        TextMessage reply = request("deep", "{}");
        assertEquals(Wire.ERROR, reply.getStringProperty(Wire.STATUS));
        assertTrue(reply.getText().contains("StackOverflowError"), reply.getText());
        assertEquals(Wire.HANDLER_FAILED, deadLetter().getStringProperty(Wire.DLQ_REASON));
        assertEquals("still here", request("echo", "still here").getText());
    }

    @Test
    void aReplyThatCannotBeWrittenIsThatMessagesFailure() throws Exception {
        // the handler succeeded, its result cannot be encoded: the dispatcher's own step failed on this message
        TextMessage reply = request("unencodable", "{}");
        assertEquals(Wire.ERROR, reply.getStringProperty(Wire.STATUS));
        assertTrue(reply.getText().contains(Wire.DISPATCH_FAILED), reply.getText());
        jakarta.jms.Message dead = deadLetter();
        assertEquals(Wire.DISPATCH_FAILED, dead.getStringProperty(Wire.DLQ_REASON));
        assertNotNull(dead.getStringProperty(Wire.ERROR_CLASS));
        assertEquals("next", request("echo", "next").getText());
    }

    @Test
    void aSendersAttemptCountThatIsNotANumberCountsAsNone() throws Exception {
        // bad input: SB_ATTEMPTS = "many" used to throw on every delivery, a poison message
        jakarta.jms.Message m = session.createTextMessage("x");
        m.setStringProperty(Wire.ATTEMPTS, "many");
        assertEquals("x", request(m, "echo").getText());
    }

    @Test
    void aDispatcherWithoutALiveConsumerIsNotReady() throws Exception {
        ConnectionFactory unreachable = (ConnectionFactory) Proxy.newProxyInstance(
                ConnectionFactory.class.getClassLoader(), new Class<?>[] {ConnectionFactory.class},
                (proxy, method, args) -> {
                    throw new JMSException("broker unreachable");
                });
        Dispatcher cut = dispatcher(unreachable);
        cut.activate(defaults(Map.of()));
        try {
            awaitReady(dispatcher, true); // the same code with a reachable broker is ready
            String reason = cut.notReadyReason().orElseThrow();
            assertTrue(reason.contains("no consumer takes messages from switchboard.dispatch"), reason);
        } finally {
            cut.deactivate();
        }
    }

    private TextMessage request(String type, String body) throws JMSException {
        return request(session.createTextMessage(body), type);
    }

    private TextMessage request(jakarta.jms.Message m, String type) throws JMSException {
        TemporaryQueue replies = session.createTemporaryQueue();
        m.setStringProperty(Wire.TYPE, type);
        m.setJMSReplyTo(replies);
        session.createProducer(session.createQueue(Wire.DISPATCH_QUEUE)).send(m);
        try (MessageConsumer c = session.createConsumer(replies)) {
            TextMessage reply = (TextMessage) c.receive(10_000);
            assertNotNull(reply, "no reply to a message of type " + type.substring(0, Math.min(20, type.length())));
            return reply;
        }
    }

    private jakarta.jms.Message deadLetter() throws JMSException {
        try (MessageConsumer c = session.createConsumer(session.createQueue(Wire.DEAD_LETTER_QUEUE))) {
            jakarta.jms.Message m = c.receive(10_000);
            assertNotNull(m, "nothing dead-lettered");
            return m;
        }
    }

    private void register(String type, MessageHandler handler) {
        Map<String, Object> p = new HashMap<>();
        p.put(MessageHandler.TYPE, type);
        p.put("service.id", (long) type.hashCode());
        p.put("component.name", type);
        dispatcher.addHandler(reference(), handler, p);
    }

    /** A service reference from bundle "test", as DS hands it over. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<MessageHandler> reference() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> "test";
                    case "getBundleId" -> 1L;
                    default -> null;
                });
        return (ServiceReference<MessageHandler>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class},
                (proxy, method, args) -> method.getName().equals("getBundle") ? bundle : null);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** A result Jackson cannot write: its one property throws. */
    public static final class Unencodable {
        public String getValue() {
            throw new IllegalStateException("cannot be written");
        }
    }

    private static Dispatcher dispatcher(ConnectionFactory factory) {
        return new Dispatcher(factory, new SimpleMeterRegistry());
    }

    /** Waits (up to 10 s) until the dispatcher's readiness is what is wanted. */
    private static void awaitReady(Dispatcher d, boolean wanted) {
        await().atMost(10, SECONDS).until(() -> d.notReadyReason().isEmpty() == wanted);
    }

    /** The configuration's defaults, with {@code overrides}. */
    private static DispatcherConfiguration defaults(Map<String, Object> overrides) {
        return (DispatcherConfiguration) Proxy.newProxyInstance(DispatcherConfiguration.class.getClassLoader(),
                new Class<?>[] {DispatcherConfiguration.class},
                (proxy, method, args) -> overrides.getOrDefault(method.getName(), method.getDefaultValue()));
    }
}

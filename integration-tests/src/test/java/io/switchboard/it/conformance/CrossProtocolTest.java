package io.switchboard.it.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.it.conformance.StompConnection.Frame;
import io.switchboard.testing.Platform;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** One broker, five protocols: a message sent with one client library arrives at another. */
class CrossProtocolTest {

    private final Platform platform = SharedPlatform.get();

    private static String unique(String what) {
        return "conf.cross." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private javax.jms.Connection openWire() throws javax.jms.JMSException {
        return new org.apache.activemq.ActiveMQConnectionFactory(platform.brokerUrl())
                .createConnection(SharedPlatform.admin(), SharedPlatform.adminPassword());
    }

    private jakarta.jms.Connection core() throws jakarta.jms.JMSException {
        return new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(platform.brokerUrl())
                .createConnection(SharedPlatform.admin(), SharedPlatform.adminPassword());
    }

    private jakarta.jms.Connection amqp() throws jakarta.jms.JMSException {
        return new org.apache.qpid.jms.JmsConnectionFactory("amqp://127.0.0.1:" + platform.brokerPort())
                .createConnection(SharedPlatform.admin(), SharedPlatform.adminPassword());
    }

    private StompConnection stomp() throws Exception {
        StompConnection c = new StompConnection(platform.brokerPort());
        assertEquals("CONNECTED", c.connect(SharedPlatform.admin(), SharedPlatform.adminPassword()).command());
        return c;
    }

    @Test
    void stompSendsOpenWireReceivesWithTheHeaderAsAProperty() throws Exception {
        String queue = unique("stomp2openwire");
        try (javax.jms.Connection c = openWire(); StompConnection s = stomp()) {
            c.start();
            javax.jms.Session session = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            s.send("SEND", "from STOMP", "destination", queue, "destination-type", "ANYCAST", "color", "blue");
            javax.jms.TextMessage m = (javax.jms.TextMessage) consumer.receive(5000);
            assertNotNull(m);
            assertEquals("from STOMP", m.getText());
            assertEquals("blue", m.getStringProperty("color"));
        }
    }

    @Test
    void openWireSendsStompReceives() throws Exception {
        String queue = unique("openwire2stomp");
        try (javax.jms.Connection c = openWire(); StompConnection s = stomp()) {
            s.send("SUBSCRIBE", "", "destination", queue, "id", "1", "subscription-type", "ANYCAST", "receipt", "r");
            assertEquals("RECEIPT", s.read().command());
            javax.jms.Session session = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.TextMessage out = session.createTextMessage("from OpenWire");
            out.setStringProperty("color", "green");
            session.createProducer(session.createQueue(queue)).send(out);
            Frame m = s.read();
            assertEquals("from OpenWire", m.body());
            assertEquals("green", m.header("color"));
        }
    }

    @Test
    void mqttPublishesAJmsTopicSubscriberReceives() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (jakarta.jms.Connection c = core()) {
            c.start();
            jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            // MQTT's '/' is Artemis's '.': the MQTT topic conf/cross/mqtt/X is the JMS topic conf.cross.mqtt.X
            jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createTopic("conf.cross.mqtt." + suffix));
            MqttClient mqtt = new MqttClient("tcp://127.0.0.1:" + platform.brokerPort(), "x" + suffix, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(SharedPlatform.admin());
            o.setPassword(SharedPlatform.adminPassword().toCharArray());
            mqtt.connect(o);
            mqtt.publish("conf/cross/mqtt/" + suffix, "from MQTT".getBytes(StandardCharsets.UTF_8), 1, false);
            mqtt.disconnect();
            jakarta.jms.BytesMessage m = (jakarta.jms.BytesMessage) consumer.receive(5000);
            assertNotNull(m);
            byte[] body = new byte[(int) m.getBodyLength()];
            m.readBytes(body);
            assertEquals("from MQTT", new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void coreSendsAmqpReceivesWithProperties() throws Exception {
        String queue = unique("core2amqp");
        try (jakarta.jms.Connection sender = core(); jakarta.jms.Connection receiver = amqp()) {
            receiver.start();
            jakarta.jms.Session rs = receiver.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer consumer = rs.createConsumer(rs.createQueue(queue));
            jakarta.jms.Session ss = sender.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage out = ss.createTextMessage("from Core");
            out.setIntProperty("n", 7);
            out.setJMSCorrelationID("corr-9");
            ss.createProducer(ss.createQueue(queue)).send(out);
            jakarta.jms.TextMessage m = (jakarta.jms.TextMessage) consumer.receive(5000);
            assertNotNull(m);
            assertEquals("from Core", m.getText());
            assertEquals(7, m.getIntProperty("n"));
            assertEquals("corr-9", m.getJMSCorrelationID());
        }
    }
}

package io.switchboard.it.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.testing.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;

/**
 * MQTT 3.1.1 and 5 with Eclipse Paho. MQTT has topics only: "send/receive on a queue" has no MQTT form
 * (a JMS queue reached from MQTT is shown in {@link CrossProtocolTest}).
 */
class MqttConformanceTest {

    private final Platform platform = SharedPlatform.get();

    private String url() {
        return "tcp://127.0.0.1:" + platform.brokerPort();
    }

    private static String unique(String what) {
        return "conf/mqtt/" + what + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private MqttClient v3(String clientId, String user, String password, boolean clean) throws MqttException {
        MqttClient c = new MqttClient(url(), clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(clean);
        c.connect(o);
        return c;
    }

    private MqttClient admin3() throws MqttException {
        return v3("c" + UUID.randomUUID(), SharedPlatform.admin(), SharedPlatform.adminPassword(), true);
    }

    private org.eclipse.paho.mqttv5.client.MqttClient admin5() throws org.eclipse.paho.mqttv5.common.MqttException {
        var c = new org.eclipse.paho.mqttv5.client.MqttClient(url(), "c" + UUID.randomUUID(),
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(SharedPlatform.admin());
        o.setPassword(SharedPlatform.adminPassword().getBytes(StandardCharsets.UTF_8));
        c.connect(o);
        return c;
    }

    @Test
    void publishAndSubscribeV311() throws Exception {
        String topic = unique("topic");
        BlockingQueue<MqttMessage> a = new ArrayBlockingQueue<>(10);
        BlockingQueue<MqttMessage> b = new ArrayBlockingQueue<>(10);
        MqttClient first = admin3();
        MqttClient second = admin3();
        try {
            first.subscribe(topic, 1, (t, m) -> a.add(m));
            second.subscribe(topic, 1, (t, m) -> b.add(m));
            first.publish(topic, "to all".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("to all", new String(a.poll(5, TimeUnit.SECONDS).getPayload(), StandardCharsets.UTF_8));
            assertEquals("to all", new String(b.poll(5, TimeUnit.SECONDS).getPayload(), StandardCharsets.UTF_8));
        } finally {
            first.disconnect();
            second.disconnect();
        }
    }

    @Test
    void aPersistentSessionKeepsQos1MessagesAcrossAReconnect() throws Exception {
        String topic = unique("durable");
        String clientId = "durable-" + UUID.randomUUID();
        MqttClient sub = v3(clientId, SharedPlatform.admin(), SharedPlatform.adminPassword(), false);
        sub.subscribe(topic, 1);
        sub.disconnect();
        sub.close();

        MqttClient pub = admin3();
        pub.publish(topic, "while away".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.disconnect();

        BlockingQueue<MqttMessage> got = new ArrayBlockingQueue<>(10);
        MqttClient back = new MqttClient(url(), clientId, new MemoryPersistence());
        back.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage m) {
                got.add(m);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(SharedPlatform.admin());
        o.setPassword(SharedPlatform.adminPassword().toCharArray());
        o.setCleanSession(false);
        back.connect(o);
        try {
            MqttMessage m = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "the QoS 1 message published while the session was away");
            assertEquals("while away", new String(m.getPayload(), StandardCharsets.UTF_8));
        } finally {
            back.unsubscribe(topic);
            back.disconnect();
        }
    }

    @Test
    void userPropertiesAndBinaryPayloadsV5() throws Exception {
        String topic = unique("props");
        BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> got = new ArrayBlockingQueue<>(10);
        var c = admin5();
        try {
            c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(topic, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(m)});
            var message = new org.eclipse.paho.mqttv5.common.MqttMessage(new byte[] {0, 1, 2, (byte) 255});
            message.setQos(1);
            MqttProperties props = new MqttProperties();
            props.setUserProperties(List.of(new UserProperty("color", "blue")));
            props.setContentType("application/octet-stream");
            message.setProperties(props);
            c.publish(topic, message);
            var m = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(m);
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, m.getPayload());
            assertEquals("blue", m.getProperties().getUserProperties().stream()
                    .filter(p -> p.getKey().equals("color")).findFirst().orElseThrow().getValue());
        } finally {
            c.disconnect();
        }
    }

    @Test
    void requestReplyWithResponseTopicAndCorrelationDataV5() throws Exception {
        String service = unique("service");
        String replies = unique("replies");
        var responder = admin5();
        var requester = admin5();
        BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> got = new ArrayBlockingQueue<>(10);
        try {
            responder.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(service, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, request) -> {
                        var reply = new org.eclipse.paho.mqttv5.common.MqttMessage(
                                ("re: " + new String(request.getPayload(), StandardCharsets.UTF_8))
                                        .getBytes(StandardCharsets.UTF_8));
                        MqttProperties p = new MqttProperties();
                        p.setCorrelationData(request.getProperties().getCorrelationData());
                        reply.setProperties(p);
                        reply.setQos(1);
                        new Thread(() -> {
                            try {
                                responder.publish(request.getProperties().getResponseTopic(), reply);
                            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                                throw new IllegalStateException(e);
                            }
                        }).start();
                    }});
            requester.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(replies, 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(m)});
            var request = new org.eclipse.paho.mqttv5.common.MqttMessage("ping".getBytes(StandardCharsets.UTF_8));
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(replies);
            p.setCorrelationData("corr-1".getBytes(StandardCharsets.UTF_8));
            request.setProperties(p);
            request.setQos(1);
            requester.publish(service, request);
            var reply = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(reply);
            assertEquals("re: ping", new String(reply.getPayload(), StandardCharsets.UTF_8));
            assertEquals("corr-1", new String(reply.getProperties().getCorrelationData(), StandardCharsets.UTF_8));
        } finally {
            responder.disconnect();
            requester.disconnect();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(MqttSecurityException.class,
                () -> v3("c" + UUID.randomUUID(), SharedPlatform.admin(), "wrong", true));
    }

    @Test
    void aRoleWithoutTheRightCannotSubscribe() throws Exception {
        MqttClient sender = v3("c" + UUID.randomUUID(), SharedPlatform.SENDER, SharedPlatform.PASSWORD, true);
        try {
            IMqttToken token = sender.subscribeWithResponse(unique("rights"), 1);
            assertEquals(128, token.getGrantedQos()[0], "SUBACK failure for a producer-only user");
        } catch (MqttException e) {
            assertEquals(MqttException.REASON_CODE_SUBSCRIBE_FAILED, e.getReasonCode(), e.toString());
        } finally {
            if (sender.isConnected()) {
                sender.disconnect();
            }
        }
    }

    @Test
    void aMalformedPacketClosesThatConnectionAndTheBrokerCarriesOn() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", platform.brokerPort())) {
            raw.setSoTimeout(5000);
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            out.write(connectPacket("raw-" + UUID.randomUUID(), SharedPlatform.admin(), SharedPlatform.adminPassword()));
            out.flush();
            assertEquals(0x20, in.read(), "CONNACK");
            in.readNBytes(3);
            out.write(new byte[] {(byte) 0xF0, 0x00});   // packet type 15: reserved in MQTT 3.1.1
            out.flush();
            assertEquals(-1, in.read(), "the broker closes the connection");
        } catch (java.net.SocketException e) {
            assertTrue(e.getMessage().contains("reset"), e.toString());
        }
        publishAndSubscribeV311();
    }

    private org.eclipse.paho.mqttv5.client.MqttClient v5(String clientId, String user, String password,
                                                          boolean cleanStart)
            throws org.eclipse.paho.mqttv5.common.MqttException {
        var c = new org.eclipse.paho.mqttv5.client.MqttClient(url(), clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(cleanStart ? 0L : 300L);
        c.connect(o);
        return c;
    }

    @Test
    void aSessionWithExpiryKeepsQos1MessagesAcrossAReconnectV5() throws Exception {
        String topic = unique("durable5");
        String clientId = "durable5-" + UUID.randomUUID();
        var sub = v5(clientId, SharedPlatform.admin(), SharedPlatform.adminPassword(), false);
        sub.subscribe(topic, 1);
        sub.disconnect();
        sub.close();
        var pub = admin5();
        pub.publish(topic, "while away".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.disconnect();

        BlockingQueue<org.eclipse.paho.mqttv5.common.MqttMessage> got = new ArrayBlockingQueue<>(10);
        var back = new org.eclipse.paho.mqttv5.client.MqttClient(url(), clientId,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        back.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
            }

            @Override
            public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                got.add(m);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(SharedPlatform.admin());
        o.setPassword(SharedPlatform.adminPassword().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(false);
        o.setSessionExpiryInterval(0L);
        back.connect(o);
        try {
            var m = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "the QoS 1 message published while the session was away");
            assertEquals("while away", new String(m.getPayload(), StandardCharsets.UTF_8));
        } finally {
            back.disconnect();
        }
    }

    @Test
    void aWrongPasswordIsRefusedV5() {
        var e = assertThrows(org.eclipse.paho.mqttv5.common.MqttException.class,
                () -> v5("c" + UUID.randomUUID(), SharedPlatform.admin(), "wrong", true));
        assertTrue(e.getReasonCode() == 0x86 || e.getReasonCode() == 0x87, "CONNACK reason " + e.getReasonCode());
    }

    @Test
    void aRoleWithoutTheRightCannotSubscribeV5() throws Exception {
        var sender = v5("c" + UUID.randomUUID(), SharedPlatform.SENDER, SharedPlatform.PASSWORD, true);
        try {
            var token = sender.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription(unique("rights5"), 1)});
            assertTrue(token.getReasonCodes()[0] >= 0x80, "SUBACK reason " + token.getReasonCodes()[0]);
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            assertTrue(e.getReasonCode() >= 0x80, e.toString());
        } finally {
            if (sender.isConnected()) {
                sender.disconnect();
            }
        }
    }

    /** An MQTT 3.1.1 CONNECT with user name and password, clean session. */
    private static byte[] connectPacket(String clientId, String user, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);            // protocol level 3.1.1
        body.write(0xC2);         // user name, password, clean session
        body.write(0);
        body.write(60);           // keep-alive seconds
        writeString(body, clientId);
        writeString(body, user);
        writeString(body, password);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int length = body.size();
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        body.writeTo(packet);
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}

package io.switchboard.client;

import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * The wire convention ({@link Wire}) in code: a {@link Message} as a JMS message and back. The platform's
 * dispatcher and this client use the same mapping.
 */
public final class JmsMessages {

    private JmsMessages() {
    }

    /**
     * The JMS message as a {@link Message} (body read fully; large messages stream in here). Its id is the sender's
     * ({@link Wire#MESSAGE_ID}) when it set one, else the JMS message id.
     */
    public static Message fromJms(jakarta.jms.Message in) throws JMSException {
        String senderId = in.getStringProperty(Wire.MESSAGE_ID);
        Message.Builder b = Message.builder()
                .id(senderId != null && !senderId.isBlank() ? senderId : in.getJMSMessageID())
                .operation(in.getStringProperty(Wire.OPERATION))
                .correlationId(in.getJMSCorrelationID())
                .replyTo(name(in.getJMSReplyTo()))
                .group(in.getStringProperty("JMSXGroupID"));
        String type = in.getStringProperty(Wire.TYPE);
        if (Message.isValidType(type)) {
            b.type(type);
        }
        String contentType = in.getStringProperty(Wire.CONTENT_TYPE);
        b.body(body(in), contentType == null ? Message.JSON : contentType);
        for (Enumeration<?> names = in.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (isHeader(name)) {
                Object value = in.getObjectProperty(name);
                if (value != null) {
                    b.header(name, value.toString());
                }
            }
        }
        return b.build();
    }

    /** A JMS message carrying {@code m} by the wire convention (type, operation, headers, body, correlation). */
    public static jakarta.jms.Message toJms(Session session, Message m) throws JMSException {
        jakarta.jms.Message out = newBody(session, m.bodyBytes(), m.contentType());
        if (m.type() != null) {
            out.setStringProperty(Wire.TYPE, m.type());
        }
        if (m.operation() != null) {
            out.setStringProperty(Wire.OPERATION, m.operation());
        }
        if (!Message.JSON.equals(m.contentType())) {
            out.setStringProperty(Wire.CONTENT_TYPE, m.contentType());
        }
        for (var h : m.headers().entrySet()) {
            if (isIdentifier(h.getKey()) && isHeader(h.getKey())) {
                out.setStringProperty(h.getKey(), h.getValue());
            }
        }
        if (m.correlationId() != null) {
            out.setJMSCorrelationID(m.correlationId());
        }
        if (m.replyTo() != null) {
            out.setJMSReplyTo(session.createQueue(m.replyTo()));
        }
        if (m.group() != null) {
            out.setStringProperty("JMSXGroupID", m.group());
        }
        return out;
    }

    /** Text for JSON and text/*, bytes for anything else: what STOMP and OpenWire clients read naturally. */
    public static jakarta.jms.Message newBody(Session session, byte[] body, String contentType) throws JMSException {
        if (contentType == null || contentType.startsWith(Message.JSON) || contentType.startsWith("text/")) {
            return session.createTextMessage(new String(body, StandardCharsets.UTF_8));
        }
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(body);
        return bytes;
    }

    public static byte[] body(jakarta.jms.Message in) throws JMSException {
        if (in instanceof TextMessage text) {
            String s = text.getText();
            return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        }
        if (in instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] b = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(b);
            bytes.reset();
            return b;
        }
        return new byte[0];
    }

    public static String name(Destination d) throws JMSException {
        if (d instanceof Queue q) {
            return q.getQueueName();
        }
        if (d instanceof Topic t) {
            return t.getTopicName();
        }
        return d == null ? null : d.toString();
    }

    static boolean isHeader(String name) {
        return !name.equals(Wire.TYPE) && !name.equals(Wire.OPERATION) && !name.equals(Wire.CONTENT_TYPE)
                && !name.equals(Wire.MESSAGE_ID)
                && !name.startsWith("JMSX") && !name.startsWith("JMS_") && !name.startsWith("_AMQ")
                && !name.startsWith("__AMQ") && !name.startsWith("__HDR");
    }

    public static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        return name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
    }
}

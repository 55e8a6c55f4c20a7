package io.switchboard.dispatch.runtime.internal;

import io.switchboard.client.JmsMessages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.dispatch.Message;
import io.switchboard.dispatch.Wire;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replies by the wire convention: to JMSReplyTo, correlated, with SB_STATUS ok or error. */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    /** Replies ok with what the handler returned (see {@link io.switchboard.dispatch.MessageHandler}). */
    static void ok(Session session, MessageProducer producer, jakarta.jms.Message request, Object result)
            throws JMSException {
        if (request.getJMSReplyTo() == null) {
            return;
        }
        jakarta.jms.Message reply;
        if ("processed".equals(request.getStringProperty(Wire.ACK)) || result == null) {
            reply = session.createTextMessage("");
        } else if (result instanceof Message m) {
            reply = JmsMessages.toJms(session, m);
            reply.setJMSReplyTo(null);
        } else if (result instanceof byte[] bytes) {
            reply = JmsMessages.newBody(session, bytes, "application/octet-stream");
            reply.setStringProperty(Wire.CONTENT_TYPE, "application/octet-stream");
        } else if (result instanceof String text) {
            reply = session.createTextMessage(text);
            reply.setStringProperty(Wire.CONTENT_TYPE, "text/plain; charset=utf-8");
        } else {
            reply = session.createTextMessage(new String(Message.builder().json(result).build().bodyBytes(),
                    StandardCharsets.UTF_8));
        }
        send(session, producer, request, reply, Wire.OK);
    }

    /** Replies error with {@code {"error": code, "message": text}}. */
    static void error(Session session, MessageProducer producer, jakarta.jms.Message request, String code,
            String text) throws JMSException {
        if (request.getJMSReplyTo() == null) {
            return;
        }
        send(session, producer, request, session.createTextMessage(errorBody(code, text)), Wire.ERROR);
    }

    static String errorBody(String code, String text) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", text);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Session session, MessageProducer producer, jakarta.jms.Message request,
            jakarta.jms.Message reply, String status) throws JMSException {
        reply.setJMSCorrelationID(WireFormat.correlationOf(request));
        reply.setStringProperty(Wire.STATUS, status);
        String lateType = request.getStringProperty(Wire.LATE_REPLY_TYPE);
        if (lateType != null) {
            reply.setStringProperty(Wire.LATE_REPLY_TYPE, lateType);
        }
        Destination to = replyDestination(session, request.getJMSReplyTo());
        try {
            producer.send(to, reply, request.getJMSDeliveryMode(), request.getJMSPriority(), 0);
        } catch (JMSException e) {
            // The requester's reply queue is gone (a temporary queue of a closed connection): keep the reply.
            LOG.warn("Dispatch reply to {} failed ({}); the reply for correlation {} goes to {}", to, e.getMessage(),
                    reply.getJMSCorrelationID(), Wire.LATE_REPLIES);
            producer.send(session.createQueue(Wire.LATE_REPLIES), reply);
        }
    }

    /**
     * A STOMP {@code reply-to} or MQTT response topic arrives as a destination that is neither a queue nor a topic;
     * sending to it as is would multicast and miss the requester's anycast queue. A reply goes to one requester,
     * so such a destination is treated as the queue of that name (read through the client's own accessor).
     */
    static Destination replyDestination(Session session, Destination to) throws JMSException {
        if (to instanceof Queue || to instanceof Topic) {
            return to;
        }
        try {
            Object address = to.getClass().getMethod("getAddress").invoke(to);
            return session.createQueue(String.valueOf(address));
        } catch (ReflectiveOperationException e) {
            return to;
        }
    }
}

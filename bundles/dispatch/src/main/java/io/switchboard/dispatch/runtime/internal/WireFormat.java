package io.switchboard.dispatch.runtime.internal;

import io.switchboard.client.JmsMessages;
import io.switchboard.dispatch.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Enumeration;

/** The wire convention in code: {@link JmsMessages} (shared with the client) plus faithful copies for re-sending. */
final class WireFormat {

    private WireFormat() {
    }

    /**
     * A new message with the same body, properties, correlation and reply-to, to park, retry or dead-letter. A
     * message without a correlation id gets its original message id as one, so a reply after the copy still
     * correlates to what the sender sent.
     */
    static jakarta.jms.Message copy(Session session, jakarta.jms.Message in) throws JMSException {
        jakarta.jms.Message out;
        if (in instanceof TextMessage text) {
            out = session.createTextMessage(text.getText());
        } else if (in instanceof BytesMessage) {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(JmsMessages.body(in));
            out = bytes;
        } else {
            out = session.createMessage();
        }
        for (Enumeration<?> names = in.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (name.startsWith("JMSX") && !name.equals("JMSXGroupID") && !name.equals("JMSXGroupSeq")
                    || name.startsWith("_AMQ") || name.startsWith("__AMQ") || name.startsWith("JMS_")
                    || !JmsMessages.isIdentifier(name)) {
                // broker bookkeeping, and STOMP frame headers like destination-type that JMS cannot carry
                continue;
            }
            out.setObjectProperty(name, in.getObjectProperty(name));
        }
        out.setJMSCorrelationID(correlationOf(in));
        String id = messageId(in);
        if (id != null) {
            out.setStringProperty(Wire.MESSAGE_ID, id); // a copy is the same message to an idempotent handler
        }
        if (in.getJMSReplyTo() != null) {
            out.setJMSReplyTo(in.getJMSReplyTo());
        }
        if (in.getJMSType() != null) {
            out.setJMSType(in.getJMSType());
        }
        return out;
    }

    /**
     * How an operator finds the message in logs: its message id, else its correlation id (a STOMP sender's message
     * has no id the broker shows to JMS consumers).
     */
    static String describe(jakarta.jms.Message in) throws JMSException {
        String id = in.getJMSMessageID();
        return id != null ? id : "correlation " + in.getJMSCorrelationID();
    }

    /**
     * The sender's id for the message ({@link Wire#MESSAGE_ID}), else its JMS message id (null when it has
     * neither): what idempotence keys on.
     */
    static String messageId(jakarta.jms.Message in) throws JMSException {
        String id = in.getStringProperty(Wire.MESSAGE_ID);
        return id != null && !id.isBlank() ? id : in.getJMSMessageID();
    }

    /** The correlation id a reply carries: the request's own, else its message id. */
    static String correlationOf(jakarta.jms.Message in) throws JMSException {
        return in.getJMSCorrelationID() != null ? in.getJMSCorrelationID() : in.getJMSMessageID();
    }

}

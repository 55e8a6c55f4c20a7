package io.switchboard.routing.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * One message on its way through a route: the headers (JMS properties) and body of the message taken from the
 * source, with what steps changed. The body is parsed at most once per kind (JSON, XML), when an expression needs it.
 */
final class Exchange {

    /** The header that counts the routes a message went through (a loop of routes stops at the limit). */
    static final String HOPS = "SB_HOPS";

    static final ObjectMapper JSON_WRITER = new ObjectMapper();

    static final Configuration JSON = Configuration.builder().jsonProvider(new JacksonJsonProvider())
            .mappingProvider(new JacksonMappingProvider()).options(Option.SUPPRESS_EXCEPTIONS).build();

    final Message source;
    final Map<String, Object> headers = new LinkedHashMap<>();
    private byte[] body;
    /** The body as text, while it is the text the source message carried (no encoding and decoding again). */
    private String bodyText;
    private final boolean text;
    private Object json;
    private Document xml;

    /** A part of {@code whole} (a split): its headers, with {@code body}. */
    Exchange(Exchange whole, byte[] body, boolean text) {
        this.source = whole.source;
        this.headers.putAll(whole.headers);
        this.body = body;
        this.text = text;
    }

    Exchange(Message source) throws JMSException {
        this.source = source;
        for (Enumeration<?> names = source.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX") && !name.startsWith("_AMQ") && !name.startsWith("__AMQ")) {
                headers.put(name, source.getObjectProperty(name));
            }
        }
        if (source instanceof TextMessage t) {
            String s = t.getText();
            bodyText = s == null ? "" : s;
            text = true;
        } else if (source instanceof BytesMessage b) {
            body = new byte[(int) b.getBodyLength()];
            b.readBytes(body);
            text = false;
        } else {
            body = new byte[0];
            text = false;
        }
    }

    byte[] body() {
        if (body == null) {
            body = bodyText.getBytes(StandardCharsets.UTF_8);
        }
        return body;
    }

    /** The body as text (UTF-8). */
    String bodyText() {
        if (bodyText == null) {
            bodyText = new String(body, StandardCharsets.UTF_8);
        }
        return bodyText;
    }

    boolean isText() {
        return text;
    }

    void body(byte[] body) {
        this.body = body;
        this.bodyText = null;
        this.json = null;
        this.xml = null;
    }

    /** The value of a header: a message property, or a JMS header field by its selector name. */
    Object header(String name) {
        Object v = headers.get(name);
        if (v != null) {
            return v;
        }
        try {
            return switch (name) {
                case "JMSMessageID" -> source.getJMSMessageID();
                case "JMSCorrelationID" -> source.getJMSCorrelationID();
                case "JMSPriority" -> source.getJMSPriority();
                case "JMSTimestamp" -> source.getJMSTimestamp();
                case "JMSType" -> source.getJMSType();
                case "JMSDeliveryMode" -> source.getJMSDeliveryMode() == DeliveryMode.PERSISTENT
                        ? "PERSISTENT" : "NON_PERSISTENT";
                case "JMSXDeliveryCount" -> source.getIntProperty("JMSXDeliveryCount");
                case "JMSXGroupID" -> source.getStringProperty("JMSXGroupID");
                default -> null;
            };
        } catch (JMSException e) {
            return null;
        }
    }

    /** Whether the body was parsed as JSON already. */
    boolean hasJson() {
        return json != null;
    }

    /** The body as a JSON document for JSONPath. */
    Object json() {
        if (json == null) {
            try {
                json = JSON.jsonProvider().parse(bodyText());
            } catch (RuntimeException e) {
                throw new BodyException("the body is not JSON: " + rootMessage(e));
            }
        }
        return json;
    }

    /** The body as an XML document for XPath. */
    Document xml() {
        if (xml == null) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                xml = f.newDocumentBuilder().parse(new ByteArrayInputStream(body()));
            } catch (Exception e) {
                throw new BodyException("the body is not XML: " + rootMessage(e));
            }
        }
        return xml;
    }

    /** The routes the message went through; a sender's negative count counts as none (it cannot buy more hops). */
    int hops() {
        Object h = headers.get(HOPS);
        try {
            return h == null ? 0 : Math.max(0, Integer.parseInt(h.toString().trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** A body an expression cannot read (not JSON, not XML). */
    static final class BodyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyException(String message) {
            super(message);
        }
    }
}

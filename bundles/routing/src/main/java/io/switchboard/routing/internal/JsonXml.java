package io.switchboard.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code jsonToXml} and {@code xmlToJson} steps: Jackson reads and writes the JSON, the JDK the XML. The mapping
 * is the usual one: an object is an element per field, an array repeats its field's element, a scalar is text;
 * back from XML, attributes become {@code @name} fields, repeated elements an array, an element with only text a
 * string.
 */
final class JsonXml {

    private JsonXml() {
    }

    static Step jsonToXml(String root) {
        return (x, out) -> {
            JsonNode json;
            try {
                json = Exchange.JSON_WRITER.readTree(x.body());
            } catch (IOException e) {
                throw new Exchange.BodyException("the body is not JSON: " + Exchange.rootMessage(e));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(bytes, "UTF-8");
                w.writeStartDocument("UTF-8", "1.0");
                element(w, root, json);
                w.writeEndDocument();
                w.close();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("jsonToXml: " + e.getMessage(), e);
            }
            x.body(bytes.toByteArray());
            x.headers.put("SB_CONTENT_TYPE", "application/xml");
            return true;
        };
    }

    private static void element(XMLStreamWriter w, String name, JsonNode value) throws XMLStreamException {
        if (value.isArray()) {
            for (JsonNode item : value) {
                element(w, name, item);
            }
            return;
        }
        w.writeStartElement(xmlName(name));
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                element(w, f.getKey(), f.getValue());
            }
        } else if (!value.isNull()) {
            w.writeCharacters(value.asText());
        }
        w.writeEndElement();
    }

    /** A JSON field name as an XML element name: characters XML does not take become '_'. */
    static String xmlName(String name) {
        StringBuilder b = new StringBuilder(name.isEmpty() ? "_" : "");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetter(c) || c == '_' || i > 0 && (Character.isDigit(c) || c == '-' || c == '.');
            b.append(ok ? c : '_');
        }
        return b.toString();
    }

    static Step xmlToJson() {
        return (x, out) -> {
            Element root = x.xml().getDocumentElement();
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.set(root.getTagName(), value(root));
            x.body(Exchange.JSON_WRITER.writeValueAsBytes(doc));
            x.headers.put("SB_CONTENT_TYPE", "application/json");
            return true;
        };
    }

    private static JsonNode value(Element e) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element c) {
                children.add(c);
            }
        }
        NamedNodeMap attributes = e.getAttributes();
        if (children.isEmpty() && attributes.getLength() == 0) {
            return JsonNodeFactory.instance.textNode(e.getTextContent());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            o.put("@" + a.getNodeName(), a.getNodeValue());
        }
        for (Element c : children) {
            JsonNode v = value(c);
            JsonNode existing = o.get(c.getTagName());
            if (existing == null) {
                o.set(c.getTagName(), v);
            } else if (existing.isArray()) {
                ((ArrayNode) existing).add(v);
            } else {
                o.set(c.getTagName(), JsonNodeFactory.instance.arrayNode().add(existing).add(v));
            }
        }
        if (children.isEmpty()) {
            o.put("#text", e.getTextContent());
        }
        return o;
    }
}

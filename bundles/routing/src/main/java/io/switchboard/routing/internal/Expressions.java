package io.switchboard.routing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.selector.filter.BooleanExpression;
import org.apache.activemq.artemis.selector.filter.FilterException;
import org.apache.activemq.artemis.selector.filter.Filterable;
import org.apache.activemq.artemis.selector.impl.SelectorParser;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The expression languages of route files, each an existing parser: JMS selectors (Artemis's parser, the broker's
 * own), JSONPath (Jayway) on JSON bodies, XPath (the JDK's) on XML bodies. No parser of our own.
 */
final class Expressions {

    /** The languages, as route files name them. */
    static final List<String> LANGUAGES = List.of("selector", "jsonpath", "xpath");

    private Expressions() {
    }

    /** A predicate in {@code language}; {@code IllegalArgumentException} names what is wrong with it. */
    static Predicate<Exchange> predicate(String language, String text) {
        return switch (language) {
            case "selector" -> selector(text);
            case "jsonpath" -> {
                JsonPath path = jsonPath(text);
                JsonFieldPredicate fast = JsonFieldPredicate.of(text).orElse(null);
                yield fast == null ? x -> truthy(path.read(x.json(), Exchange.JSON)) : x -> {
                    // a document already parsed for another step is read by Jayway; else the streaming fast path
                    Boolean decided = x.hasJson() ? null : fast.test(x.bodyText());
                    return decided != null ? decided : truthy(path.read(x.json(), Exchange.JSON));
                };
            }
            case "xpath" -> {
                XPathExpression xpath = xpath(text);
                yield x -> (Boolean) evaluate(xpath, x, XPathConstants.BOOLEAN);
            }
            default -> throw new IllegalArgumentException("unknown expression language '" + language + "' (one of "
                    + LANGUAGES + ")");
        };
    }

    /** A value expression in {@code language}: a header's value (selector: the header named), a JSONPath, an XPath. */
    static Function<Exchange, Object> value(String language, String text) {
        return switch (language) {
            case "jsonpath" -> {
                JsonPath path = jsonPath(text);
                yield x -> path.read(x.json(), Exchange.JSON);
            }
            case "xpath" -> {
                XPathExpression xpath = xpath(text);
                yield x -> evaluate(xpath, x, XPathConstants.STRING);
            }
            case "header" -> x -> x.header(text);
            case "constant" -> x -> text;
            case "template" -> template(text);
            default -> throw new IllegalArgumentException("unknown value language '" + language
                    + "' (one of constant, header, jsonpath, xpath, template)");
        };
    }

    /** How {@code split} cuts a message: a JSONPath's matches, an XPath's nodes, or text cut at a delimiter. */
    static Function<Exchange, List<Exchange>> parts(String language, String text) {
        return switch (language) {
            case "jsonpath" -> {
                JsonPath path = jsonPath(text);
                yield x -> {
                    Object found = path.read(x.json(), Exchange.JSON);
                    List<?> items = found instanceof List<?> l ? l
                            : found == null ? List.of() : List.of(found);
                    List<Exchange> parts = new ArrayList<>();
                    for (Object item : items) {
                        try {
                            parts.add(item instanceof String s
                                    ? new Exchange(x, s.getBytes(StandardCharsets.UTF_8), true)
                                    : new Exchange(x, Exchange.JSON_WRITER.writeValueAsBytes(item), true));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return parts;
                };
            }
            case "xpath" -> {
                XPathExpression xpath = xpath(text);
                yield x -> {
                    NodeList nodes = (NodeList) evaluate(xpath, x, XPathConstants.NODESET);
                    List<Exchange> parts = new ArrayList<>();
                    for (int i = 0; i < nodes.getLength(); i++) {
                        parts.add(new Exchange(x, xml(nodes.item(i)), true));
                    }
                    return parts;
                };
            }
            case "tokenize" -> x -> {
                String body = x.bodyText();
                List<Exchange> parts = new ArrayList<>();
                for (String part : body.split(Pattern.quote(text))) {
                    if (!part.isEmpty()) {
                        parts.add(new Exchange(x, part.getBytes(StandardCharsets.UTF_8), true));
                    }
                }
                return parts;
            };
            default -> throw new IllegalArgumentException("split by jsonpath, xpath or tokenize, not '" + language + "'");
        };
    }

    private static byte[] xml(Node node) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            var out = new ByteArrayOutputStream();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("XPath split: " + e.getMessage(), e);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /**
     * Text with placeholders, each compiled once: {@code ${header.NAME}}, {@code ${body}}, {@code ${jsonpath:EXPR}},
     * {@code ${xpath:EXPR}} (an expression holds no {@code }}).
     */
    private static Function<Exchange, Object> template(String text) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            parts.add(text.substring(at, m.start()));
            String p = m.group(1).trim();
            if (p.equals("body")) {
                parts.add((Function<Exchange, Object>) Exchange::bodyText);
            } else if (p.startsWith("header.") && p.length() > 7) {
                parts.add(value("header", p.substring(7)));
            } else if (p.startsWith("jsonpath:") || p.startsWith("xpath:")) {
                int colon = p.indexOf(':');
                parts.add(value(p.substring(0, colon), p.substring(colon + 1)));
            } else {
                throw new IllegalArgumentException("unknown placeholder '${" + m.group(1) + "}' in template (${body}, "
                        + "${header.NAME}, ${jsonpath:EXPR}, ${xpath:EXPR})");
            }
            at = m.end();
        }
        parts.add(text.substring(at));
        return x -> {
            StringBuilder b = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof String s) {
                    b.append(s);
                } else {
                    @SuppressWarnings("unchecked")
                    Object v = ((Function<Exchange, Object>) part).apply(x);
                    b.append(v == null ? "" : v);
                }
            }
            return b.toString();
        };
    }

    static Predicate<Exchange> selector(String text) {
        BooleanExpression expression;
        try {
            expression = SelectorParser.parse(text);
        } catch (FilterException e) {
            throw new IllegalArgumentException("bad selector '" + text + "': " + Exchange.rootMessage(e));
        }
        return x -> {
            try {
                return expression.matches(new Filterable() {
                    @Override
                    public <T> T getBodyAs(Class<T> type) {
                        return null;
                    }

                    @Override
                    public Object getProperty(SimpleString name) {
                        return x.header(name.toString());
                    }

                    @Override
                    public Object getLocalConnectionId() {
                        return null;
                    }
                });
            } catch (FilterException e) {
                throw new IllegalStateException("selector '" + text + "': " + e.getMessage(), e);
            }
        };
    }

    private static JsonPath jsonPath(String text) {
        try {
            return JsonPath.compile(text);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad JSONPath '" + text + "': " + e.getMessage());
        }
    }

    private static XPathExpression xpath(String text) {
        try {
            return XPathFactory.newInstance().newXPath().compile(text);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException("bad XPath '" + text + "': " + Exchange.rootMessage(e));
        }
    }

    private static Object evaluate(XPathExpression xpath, Exchange x, QName type) {
        try {
            synchronized (xpath) { // an XPathExpression is not thread-safe
                return xpath.evaluate(x.xml(), type);
            }
        } catch (XPathExpressionException e) {
            throw new IllegalStateException("XPath: " + Exchange.rootMessage(e), e);
        }
    }

    /** JSONPath as a predicate (as Camel reads it): something found that is not false, null or empty. */
    static boolean truthy(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) {
            return false;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return true;
    }
}

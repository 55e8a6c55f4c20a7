package io.switchboard.routing.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast path for the content-based router's most common JSONPath predicate, {@code $[?(@.a.b OP literal)]} with OP
 * one of {@code == < <= > >=} and a string or number literal. The body is read with Jackson's streaming parser — every
 * token of the root object, so its structure is checked — without building a document for Jayway. It decides only
 * when the field is there with the literal's type (string to string, number to number, compared as Jayway compares
 * them); in every other case (the field missing, another type, a root that is not an object, a body that does not
 * parse) it answers null and Jayway decides on the parsed document, which also reports a body that is not JSON.
 */
final class JsonFieldPredicate {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern FORM = Pattern.compile("\\$\\[\\?\\(\\s*@((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)\\s*"
            + "(==|<=|>=|<|>)\\s*(?:'([^'\\\\]*)'|(-?\\d+(?:\\.\\d+)?))\\s*\\)\\]");
    /** The field was not in the body, or held something the literal cannot be compared with here. */
    private static final Object UNDECIDED = new Object();

    private final String[] path;
    private final String operator;
    private final String text;
    private final BigDecimal number;

    private JsonFieldPredicate(String[] path, String operator, String text, BigDecimal number) {
        this.path = path;
        this.operator = operator;
        this.text = text;
        this.number = number;
    }

    /** The fast path for this JSONPath, when it has the form above. */
    static Optional<JsonFieldPredicate> of(String jsonPath) {
        Matcher m = FORM.matcher(jsonPath.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new JsonFieldPredicate(m.group(1).substring(1).split("\\."), m.group(2), m.group(3),
                m.group(4) == null ? null : new BigDecimal(m.group(4))));
    }

    /** TRUE or FALSE as Jayway would answer; null when Jayway must decide. */
    Boolean test(String body) {
        Object found;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            found = scan(p, 0);
        } catch (IOException e) {
            return null; // not JSON: Jayway's parse says so, with its reason
        }
        if (found instanceof String s && text != null) {
            return compare(s.compareTo(text));
        }
        if (found instanceof BigDecimal n && number != null) {
            return compare(n.compareTo(number));
        }
        return null;
    }

    private boolean compare(int c) {
        return switch (operator) {
            case "==" -> c == 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** Reads the object the parser is at to its end; the value at {@code path[depth..]} (the last of duplicates). */
    private Object scan(JsonParser p, int depth) throws IOException {
        Object found = UNDECIDED;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean ours = p.currentName().equals(path[depth]);
            JsonToken value = p.nextToken();
            if (ours && depth < path.length - 1 && value == JsonToken.START_OBJECT) {
                found = scan(p, depth + 1);
                continue;
            }
            if (ours) {
                found = depth < path.length - 1 ? UNDECIDED : switch (value) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                    default -> UNDECIDED;
                };
            }
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("not an object's end");
        }
        return found;
    }
}

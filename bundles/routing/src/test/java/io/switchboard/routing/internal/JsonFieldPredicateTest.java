package io.switchboard.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming fast path answers as Jayway does whenever it answers at all. */
class JsonFieldPredicateTest {

    private static final List<String> PREDICATES = List.of("$[?(@.country == 'DE')]", "$[?(@.total > 100)]",
            "$[?(@.total <= 100.5)]", "$[?(@.a.b == 'x')]", "$[?(@.a.b < 3)]", "$[?(@.name >= 'm')]",
            "$[?( @.country=='DE' )]");

    private static final List<String> BODIES = List.of(
            "{\"country\":\"DE\",\"total\":5}", "{\"country\":\"FR\",\"total\":500}", "{\"total\":100.5}",
            "{\"total\":\"500\"}", "{\"country\":5}", "{\"x\":{\"country\":\"DE\"}}", "{\"a\":{\"b\":\"x\"}}",
            "{\"a\":{\"b\":2}}", "{\"a\":{\"b\":[1]}}", "{\"a\":\"b\"}", "{\"a\":{\"c\":{\"b\":\"x\"}},\"b\":\"x\"}",
            "{\"country\":\"FR\",\"country\":\"DE\"}", "{\"a\":{\"b\":\"x\"},\"a\":{\"b\":\"y\"}}",
            "{\"name\":\"zed\",\"list\":[{\"country\":\"DE\"}]}", "{\"name\":\"alice\"}", "{}",
            "{\"country\":null}", "{\"country\":true}", "{\"total\":-1e3}", "{\"country\":\"D\\u0045\"}");

    @Test
    void whereItDecidesItDecidesAsJayway() {
        int decided = 0;
        for (String predicate : PREDICATES) {
            JsonFieldPredicate fast = JsonFieldPredicate.of(predicate).orElseThrow(() -> new AssertionError(predicate));
            JsonPath jayway = JsonPath.compile(predicate);
            for (String body : BODIES) {
                Boolean answer = fast.test(body);
                boolean expected = Expressions.truthy(jayway.read(Exchange.JSON.jsonProvider().parse(body), Exchange.JSON));
                if (answer != null) {
                    decided++;
                    assertEquals(expected, answer, predicate + " on " + body);
                }
            }
        }
        assertTrue(decided > 15, "the fast path decides the common cases: " + decided);
    }

    @Test
    void itLeavesToJaywayWhatItCannotDecide() {
        JsonFieldPredicate de = JsonFieldPredicate.of("$[?(@.country == 'DE')]").orElseThrow();
        assertEquals(Boolean.TRUE, de.test("{\"country\":\"DE\"}"));
        assertNull(de.test("{\"city\":\"Berlin\"}"), "missing");
        assertNull(de.test("{\"country\":7}"), "another type");
        assertNull(de.test("[{\"country\":\"DE\"}]"), "an array at the root");
        assertNull(de.test("{\"country\":\"DE\", oops}"), "not JSON: Jayway's parse reports it");
        assertNull(de.test("{\"country\":\"DE\""), "cut short");
        assertNull(de.test(""));
        assertTrue(JsonFieldPredicate.of("$.country").isEmpty(), "not a filter");
        assertTrue(JsonFieldPredicate.of("$[?(@.country != 'DE')]").isEmpty(), "not an operator it takes");
        assertTrue(JsonFieldPredicate.of("$[?(@.country == 'DE' && @.total > 1)]").isEmpty());
        assertTrue(JsonFieldPredicate.of("$..[?(@.country == 'DE')]").isEmpty());
    }
}

package io.switchboard.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteParserTest {

    private static final String ORDERS = """
            - route:
                id: orders-by-country
                from:
                  uri: jms:queue:orders.in?concurrentConsumers=4
                  steps:
                    - setHeader:
                        name: country
                        jsonpath: $.country
                    - choice:
                        when:
                          - jsonpath: "$[?(@.country == 'DE')]"
                            steps:
                              - to: jms:queue:orders.de
                          - selector: "country IN ('FR', 'BE')"
                            steps:
                              - to: [jms:queue:orders.fr, jms:topic:orders.audit]
                        otherwise:
                          steps:
                            - to: jms:queue:orders.other
            - route:
                id: big-orders
                errorHandler:
                  deadLetterChannel:
                    deadLetterUri: jms:queue:orders.errors
                    redeliveryPolicy:
                      maximumRedeliveries: 5
                      redeliveryDelay: 200
                      backOffMultiplier: 3
                      maximumRedeliveryDelay: 1000
                from:
                  uri: jms:topic:orders.audit?durableSubscriptionName=big
                  steps:
                    - filter:
                        xpath: /order/total > 1000
                        steps:
                          - to:
                              uri: jms:queue:orders.big
            """;

    private static List<RouteDefinition> parse(String yaml) throws RouteParser.InvalidRouteFile {
        return RouteParser.parse(new StringReader(yaml), "deploy/t.route.yaml");
    }

    private static void assertStarts(String prefix, String actual) {
        assertTrue(actual.startsWith(prefix), () -> "expected '" + prefix + "...', got: " + actual);
    }

    private static String error(String yaml) {
        return assertThrows(RouteParser.InvalidRouteFile.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsRoutesShapedAsCamelYaml() throws Exception {
        List<RouteDefinition> routes = parse(ORDERS);
        assertEquals(List.of("orders-by-country", "big-orders"), routes.stream().map(RouteDefinition::id).toList());
        RouteDefinition first = routes.get(0);
        assertEquals("orders.in", first.source().name());
        assertEquals(4, first.source().concurrentConsumers());
        assertEquals(3, first.redelivery().maximumRedeliveries());
        assertEquals("DLQ", first.deadLetter().name());
        assertEquals(List.of("1", "2", "2.when0.1", "2.when1.1", "2.otherwise.1"),
                Pipeline.infos(first.pipeline()).stream().map(s -> s.path()).toList());
        assertEquals("jms:queue:orders.fr, jms:topic:orders.audit", Pipeline.infos(first.pipeline()).get(3).description());
        RouteDefinition second = routes.get(1);
        assertTrue(second.source().topic());
        assertEquals("big", second.source().durableSubscription());
        assertEquals(5, second.redelivery().maximumRedeliveries());
        assertEquals(List.of(200L, 600L, 1000L), List.of(second.redelivery().delay(1), second.redelivery().delay(2),
                second.redelivery().delay(3)), "Camel's exponential backoff, capped");
        assertEquals(1000L, first.redelivery().delay(1), "the default: 1 s, doubling, at most 60 s");
        assertEquals("orders.errors", second.deadLetter().name());
    }

    @Test
    void targetsOnTheBrokerAndBridgeTargets() {
        assertEquals(new Target("deliver:erp", Target.Kind.QUEUE, "switchboard.deliver.erp", java.util.Map.of()),
                Target.parse("deliver:erp"));
        assertEquals(java.util.Map.of("SB_TYPE", "shape.circle", "SB_OPERATION", "area"),
                Target.parse("dispatch:shape.circle#area").properties());
        assertEquals("switchboard.dispatch", Target.parse("dispatch:shape.circle").name());
        assertEquals(Target.Kind.BRIDGE, Target.parse("http://erp.local/orders").kind());
        assertEquals("http", Target.parse("http://erp.local/orders").name());
        assertThrows(IllegalArgumentException.class, () -> Target.parse("jms:queue:"));
        assertThrows(IllegalArgumentException.class, () -> Target.parse("nonsense"));
    }

    @Test
    void aSelectorFilterOnANonDurableTopicIsPushedDownToTheBroker() throws Exception {
        String route = """
                - route:
                    id: t
                    from:
                      uri: %s
                      steps:
                        - filter:
                            selector: "region = 'EU'"
                            steps:
                              - to: jms:queue:eu
                """;
        assertEquals("region = 'EU'", parse(route.formatted("jms:topic:prices")).get(0).pushedDown());
        assertEquals(null, parse(route.formatted("jms:queue:prices")).get(0).pushedDown(),
                "from a queue a filter drops what does not match; a selector would leave it in the queue");
        assertEquals(null, parse(route.formatted("jms:topic:prices?durableSubscriptionName=s")).get(0).pushedDown(),
                "a durable subscription whose selector changes is a new one: its waiting messages would be lost");
        assertEquals(null, parse(route.formatted("jms:topic:prices").replace("selector: \"region = 'EU'\"",
                "jsonpath: $.eu")).get(0).pushedDown());
    }

    @Test
    void badInputIsRefusedWithWhereAndWhy() {
        String head = "- route:\n    id: a\n    from:\n      uri: jms:queue:in\n      steps:\n";
        assertEquals("deploy/t.route.yaml:6:11: unknown step 'filtr' (one of " + new java.util.TreeSet<>(StepCompiler.STEPS) + ")",
                error(head + "        - filtr: {}\n"));
        assertStarts("deploy/t.route.yaml:7:23: bad selector 'a = = 1'", error(head + "        - filter:\n            selector: \"a = = 1\"\n            steps: [{to: jms:queue:x}]\n"));
        assertStarts("deploy/t.route.yaml:7:23: bad JSONPath '$.['", error(head + "        - filter:\n            jsonpath: \"$.[\"\n            steps: [{to: jms:queue:x}]\n"));
        assertEquals("deploy/t.route.yaml:6:15: unknown target 'nonsense' (jms:queue:NAME, jms:topic:NAME, "
                + "deliver:ENDPOINT, dispatch:TYPE[#OPERATION] or a bridge's scheme:...)",
                error(head + "        - to: nonsense\n"));
        assertEquals("deploy/t.route.yaml:5:24: deadLetterUri must be on the broker (jms:queue:NAME, jms:topic:NAME or "
                + "deliver:ENDPOINT), not 'http://x'", error("- route:\n    id: a\n    errorHandler:\n"
                + "      deadLetterChannel:\n        deadLetterUri: http://x\n    from:\n      uri: jms:queue:in\n"
                + "      steps: [{to: jms:queue:x}]\n"));
        assertEquals("deploy/t.route.yaml:4:12: unknown source 'nonsense' (jms:queue:NAME, jms:topic:NAME, timer:NAME or "
                + "a bridge's scheme:...)",
                error("- route:\n    id: a\n    from:\n      uri: nonsense\n      steps: [{to: jms:queue:x}]\n"));
        assertStarts("deploy/t.route.yaml:4:1: not YAML", error("- route:\n    id: a\n    from: [\n"));
        assertEquals("deploy/t.route.yaml:1:1: the file is empty (expected a list of '- route:' entries)", error(""));
        String twice = head + "        - to: jms:queue:x\n";
        assertEquals("deploy/t.route.yaml:8:5: route id 'a' appears twice in this file", error(twice + twice));
        assertEquals("deploy/t.route.yaml:4:7: 'steps' is missing: a route needs at least one step",
                error("- route:\n    id: a\n    from:\n      uri: jms:queue:in\n"));
    }

    /** The route file of the report: a self-referencing alias in its steps ({@code expression}: none, or one). */
    static String recursiveAlias(String expression) {
        return "- route:\n    id: loop\n    from:\n      uri: jms:queue:loop.in\n      steps: &s [ {filter: {"
                + expression + "steps: *s}} ]\n";
    }

    /** A billion-laughs route file: ten levels of three aliases each, 3^10 = 59,049 steps in about 700 bytes. */
    static String aliasBomb() {
        String level = "&L1 [&T {to: 'jms:queue:x'}, *T, *T]";
        for (int k = 2; k <= 10; k++) {
            String f = "F" + (k - 1);
            level = "&L" + k + " [&" + f + " {filter: {selector: 'a = 1', steps: " + level + "}}, *" + f + ", *" + f
                    + "]";
        }
        return "- route:\n    id: bomb\n    from:\n      uri: jms:queue:bomb.in\n      steps: " + level + "\n";
    }

    @Test
    void anAliasInsideItsOwnAnchorIsRefusedNamingTheLine() {
        // bad input as reported: it overflowed the stack of the deploy thread
        for (String expression : new String[] {"", "selector: 'a = 1', "}) {
            String e = error(recursiveAlias(expression));
            assertStarts("deploy/t.route.yaml:5:", e);
            assertTrue(e.contains("alias *s is inside its own anchor &s (line 5)"), e);
        }
    }

    @Test
    void anAliasBombIsRefusedBeforeItIsExpanded() {
        // bad input as reported: 665 bytes that expanded to 59,049 steps
        String bomb = aliasBomb();
        assertTrue(bomb.length() < 1000, bomb.length() + " bytes");
        String e = error(bomb);
        assertStarts("deploy/t.route.yaml:5:", e);
        assertTrue(e.contains("more than 50000 YAML nodes"), e);
    }

    @Test
    void aliasesThatStayWithinTheBoundsStillWork() throws Exception {
        // rule: an anchor shared by two filters is fine; only recursion and explosion are refused
        List<RouteDefinition> routes = parse("- route:\n    id: shared\n    from:\n      uri: jms:queue:in\n"
                + "      steps:\n        - filter: {selector: 'a = 1', steps: &out [{to: jms:queue:x}]}\n"
                + "        - filter: {selector: 'a = 2', steps: *out}\n");
        assertEquals(4, Pipeline.infos(routes.get(0).pipeline()).size());
    }
}

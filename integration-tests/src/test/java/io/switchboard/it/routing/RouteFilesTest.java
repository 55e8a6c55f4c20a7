package io.switchboard.it.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testing.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route files in the running platform, driven by a legacy client (ActiveMQ 5 OpenWire, javax.jms): a content-based
 * router on JSONPath, a selector filter, dead letters naming route and step, a loop of routes stopped by the hop
 * limit, hot reload and a refused file that leaves the previous version running.
 */
class RouteFilesTest {

    @TempDir
    static Path dir;
    static Platform platform;
    static Connection connection;
    static Session session;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
        connection = new ActiveMQConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                "tcp://127.0.0.1:" + platform.brokerPort()).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterAll
    static void shutDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static void deploy(String file, String yaml) throws Exception {
        platform.drop(yaml.getBytes(StandardCharsets.UTF_8), file);
    }

    private static void send(String queue, String body, String... headers) throws Exception {
        MessageProducer p = session.createProducer(session.createQueue(queue));
        p.setDeliveryMode(DeliveryMode.PERSISTENT);
        TextMessage m = session.createTextMessage(body);
        for (int i = 0; i < headers.length; i += 2) {
            m.setStringProperty(headers[i], headers[i + 1]);
        }
        p.send(m);
        p.close();
    }

    private static List<TextMessage> receive(String queue, int n) throws Exception {
        List<TextMessage> got = new ArrayList<>();
        try (MessageConsumer c = session.createConsumer(session.createQueue(queue))) {
            while (got.size() < n) {
                TextMessage m = (TextMessage) c.receive(10_000);
                assertNotNull(m, "only " + got.size() + " of " + n + " messages on " + queue + "\n" + platform.log());
                got.add(m);
            }
            assertNull(c.receive(300), "more than " + n + " messages on " + queue);
        }
        return got;
    }

    private static long occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static JsonNode route(String id) {
        for (JsonNode r : platform.api("/api/v1/routes").path("routes")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void theReadmeRouteSendsEachOrderToItsQueueByJsonPathAndSelector() throws Exception {
        // the README's example, as an operator copies it
        platform.drop(Path.of("../examples/routes/orders.route.yaml"), "orders.route.yaml");
        platform.awaitDeployment("orders.route.yaml", Platform.status("DEPLOYED"));
        send("orders.in", "{\"country\":\"DE\",\"total\":5}");
        send("orders.in", "{\"country\":\"FR\",\"total\":500}");
        send("orders.in", "{\"country\":\"FR\",\"total\":7}");
        assertEquals("{\"country\":\"FR\",\"total\":500}", receive("orders.big", 1).get(0).getText());
        TextMessage de = receive("orders.de", 1).get(0);
        assertEquals("DE", de.getStringProperty("country"), "the header set from the JSONPath travels along");
        assertEquals(1, de.getIntProperty("SB_HOPS"));
        receive("orders.audit", 1);
        assertEquals("{\"country\":\"FR\",\"total\":7}", receive("orders.other", 1).get(0).getText());

        JsonNode info = route("orders");
        assertEquals("STARTED", info.path("state").asText());
        JsonNode choice = info.path("steps").get(1);
        assertEquals("choice", choice.path("kind").asText());
        assertEquals(3, choice.path("in").asLong());
        assertEquals(3, choice.path("out").asLong());
        // when the step's first message came and its last was done: what the routing benchmark times
        java.time.Instant firstAt = java.time.Instant.parse(choice.path("firstAt").asText());
        java.time.Instant lastAt = java.time.Instant.parse(choice.path("lastAt").asText());
        assertTrue(!lastAt.isBefore(firstAt) && lastAt.isBefore(java.time.Instant.now().plusSeconds(1)),
                firstAt + " .. " + lastAt);

        // the console shows the route's file as deployed
        JsonNode source = platform.api("/api/v1/routes/orders/source");
        assertEquals("deploy/orders.route.yaml", source.path("file").asText());
        assertEquals(Files.readString(Path.of("../examples/routes/orders.route.yaml")), source.path("text").asText());
        assertEquals(404, platform.getAs("admin", Platform.ADMIN_PASSWORD, "/api/v1/routes/nothing/source").statusCode());
    }

    @Test
    void aJsonPathFilterOnAnObjectOrArrayValueWorksInThePlatform() throws Exception {
        // Jayway's filter nodes link json-smart's parser when a path reaches an object or array (it was once left out)
        deploy("tags.route.yaml", """
                - route:
                    id: tags
                    from:
                      uri: jms:queue:tags.in
                      steps:
                        - filter:
                            jsonpath: "$[?(@.customer.tags)]"
                            steps:
                              - to: jms:queue:tags.out
                """);
        platform.awaitDeployment("tags.route.yaml", Platform.status("DEPLOYED"));
        send("tags.in", "{\"customer\":{\"name\":\"x\"}}");
        send("tags.in", "{\"customer\":{\"tags\":[\"vip\"]}}");
        assertEquals("{\"customer\":{\"tags\":[\"vip\"]}}", receive("tags.out", 1).get(0).getText());
        assertEquals(0, route("tags").path("steps").get(0).path("failed").asLong());
    }

    @Test
    void aStompClientsMessageIsRoutedThoughItsHeadersAreNoJmsPropertyNames() throws Exception {
        // STOMP frames carry headers such as destination-type, which no JMS message can take as a property
        deploy("stomp.route.yaml", """
                - route:
                    id: stomp-relay
                    from:
                      uri: jms:queue:stomp.in
                      steps:
                        - filter:
                            selector: "kind = 'order'"
                            steps:
                              - to: jms:queue:stomp.out
                """);
        platform.awaitDeployment("stomp.route.yaml", Platform.status("DEPLOYED"));
        try (var stomp = new io.switchboard.it.conformance.StompConnection(platform.brokerPort())) {
            stomp.connect("admin", Platform.ADMIN_PASSWORD);
            stomp.send("SEND", "{\"n\":1}", "destination", "stomp.in", "destination-type", "ANYCAST", "kind", "order",
                    "persistent", "true");
        }
        TextMessage out = receive("stomp.out", 1).get(0);
        assertEquals("{\"n\":1}", out.getText());
        assertEquals("order", out.getStringProperty("kind"));
    }

    @Test
    void aBodyThatIsNotJsonIsDeadLetteredWithRouteAndStepAndTheRouteGoesOn() throws Exception {
        deploy("strict.route.yaml", """
                - route:
                    id: strict
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:strict.errors
                    from:
                      uri: jms:queue:strict.in
                      steps:
                        - filter:
                            jsonpath: "$[?(@.ok == true)]"
                            steps:
                              - to: jms:queue:strict.out
                """);
        platform.awaitDeployment("strict.route.yaml", Platform.status("DEPLOYED"));
        send("strict.in", "not json at all");
        send("strict.in", "{\"ok\":true}");
        send("strict.in", "{\"ok\":false}");
        TextMessage dead = receive("strict.errors", 1).get(0);
        assertEquals("not json at all", dead.getText());
        String error = dead.getStringProperty("switchboard_error");
        assertTrue(error.startsWith("route strict (deploy/strict.route.yaml) step 1 (filter jsonpath"), error);
        assertTrue(error.contains("the body is not JSON"), error);
        assertEquals("{\"ok\":true}", receive("strict.out", 1).get(0).getText());
        JsonNode filter = route("strict").path("steps").get(0);
        assertEquals(3, filter.path("in").asLong());
        assertEquals(1, filter.path("out").asLong());
        assertEquals(1, filter.path("failed").asLong());
    }

    @Test
    void aRouteToABridgeTargetWaitsForItThenRetriesFailuresWithBackoffAndDeadLettersTheHopeless() throws Exception {
        deploy("flaky.route.yaml", """
                - route:
                    id: flaky
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:flaky.dead
                        redeliveryPolicy:
                          maximumRedeliveries: 3
                          redeliveryDelay: 300
                          backOffMultiplier: 2
                    from:
                      uri: jms:queue:flaky.in
                      steps:
                        - to: [jms:queue:flaky.copy, flaky:flaky.out]
                """);
        JsonNode waiting = platform.awaitDeployment("flaky.route.yaml", Platform.status("DEPLOYED"));
        assertEquals("flaky (waiting for bridge scheme flaky)", waiting.path("target").asText());
        assertEquals("WAITING", route("flaky").path("state").asText());
        send("flaky.in", "twice refused", "key", "a", "failTimes", "2");
        send("flaky.in", "always refused", "key", "b", "failTimes", "99");

        // the bridge arrives: the route starts and takes the messages that waited
        platform.drop(io.switchboard.it.TestBundles.bundle("it.flaky.target", "1.0.0", java.util.Map.of(
                "Bundle-Activator", io.switchboard.it.bundles.FlakyTargetActivator.class.getName(),
                "Import-Package", "io.switchboard.routing,jakarta.jms,org.osgi.framework"),
                io.switchboard.it.bundles.FlakyTargetActivator.class), "flaky-target.jar");
        platform.awaitDeployment("flaky-target.jar", Platform.status("DEPLOYED"));

        TextMessage out = receive("flaky.out", 1).get(0);
        assertEquals("twice refused", out.getText());
        assertEquals(3, out.getIntProperty("attempts"));
        long[] t = java.util.Arrays.stream(out.getStringProperty("times").split(",")).mapToLong(Long::parseLong)
                .toArray();
        assertTrue(t[1] - t[0] >= 290, "first retry after ~300 ms: " + (t[1] - t[0]));
        assertTrue(t[2] - t[1] >= 590, "second after ~600 ms (backoff x2): " + (t[2] - t[1]));
        // a failed attempt sends nothing: the broker copy went out once, with the attempt that passed
        assertEquals("twice refused", receive("flaky.copy", 1).get(0).getText());

        TextMessage dead = receive("flaky.dead", 1).get(0);
        assertEquals("always refused", dead.getText());
        String error = dead.getStringProperty("switchboard_error");
        assertTrue(error.startsWith("route flaky (deploy/flaky.route.yaml) step 1 (to jms:queue:flaky.copy, "
                + "flaky:flaky.out): flaky target: attempt 4 of b refused (after 4 failed attempts)"), error);
        JsonNode to = route("flaky").path("steps").get(0);
        assertEquals(2 + 1 + 4, to.path("in").asLong(), "every attempt counts in");
        assertEquals(2 + 4, to.path("failed").asLong());
    }

    @Test
    void splitSetBodyRecipientListWireTapAndDeliverWorkTogether() throws Exception {
        platform.drop("log = true\n".getBytes(StandardCharsets.UTF_8), "io.switchboard.delivery.test~routed.cfg");
        deploy("patterns.route.yaml", """
                - route:
                    id: patterns
                    from:
                      uri: jms:queue:patterns.in
                      steps:
                        - wireTap:
                            uri: jms:queue:patterns.tap
                        - split:
                            jsonpath: $.items[*]
                            steps:
                              - setHeader:
                                  name: sku
                                  jsonpath: $.sku
                              - recipientList:
                                  jsonpath: $.to
                              - setBody:
                                  jsonpath: $.sku
                              - to: deliver:routed
                """);
        platform.awaitDeployment("patterns.route.yaml", Platform.status("DEPLOYED"));
        send("patterns.in", "{\"items\":[{\"sku\":\"A-1\",\"to\":\"jms:queue:patterns.a,jms:queue:patterns.all\"},"
                + "{\"sku\":\"B-2\",\"to\":\"jms:queue:patterns.all\"}]}");
        assertEquals("{\"sku\":\"A-1\",\"to\":\"jms:queue:patterns.a,jms:queue:patterns.all\"}",
                receive("patterns.a", 1).get(0).getText());
        List<TextMessage> all = receive("patterns.all", 2);
        assertEquals(List.of("A-1", "B-2"), List.of(all.get(0).getStringProperty("sku"), all.get(1).getStringProperty("sku")));
        assertEquals(1, all.get(1).getIntProperty("SB_SPLIT_INDEX"));
        assertEquals(2, all.get(1).getIntProperty("SB_SPLIT_SIZE"));
        assertTrue(receive("patterns.tap", 1).get(0).getText().startsWith("{\"items\""));
        // deliver: goes through the delivery store to its endpoint
        platform.await("the delivery endpoint gets both parts", Duration.ofSeconds(20),
                () -> occurrences(platform.log(), "Test endpoint routed received") >= 2);
    }

    @Test
    void replacingARouteFileUnderLoadLosesAndDuplicatesNothing() throws Exception {
        String route = """
                - route:
                    id: swap
                    from:
                      uri: jms:queue:swap.in?concurrentConsumers=2
                      steps:
                        - setHeader:
                            name: version
                            constant: "%d"
                        - to: jms:queue:swap.out
                """;
        deploy("swap.route.yaml", route.formatted(1));
        platform.awaitDeployment("swap.route.yaml", Platform.status("DEPLOYED"));
        int n = 3000;
        int slice = n / 4;
        // One slice of the stream per version, let go as that version is dropped: messages are on their way
        // through every swap, whatever the machine's speed.
        Semaphore slices = new Semaphore(0);
        Thread producer = new Thread(() -> {
            try (Connection c = new ActiveMQConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                    "tcp://127.0.0.1:" + platform.brokerPort()).createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("swap.in"));
                for (int i = 0; i < n; i++) {
                    if (i % slice == 0 && !slices.tryAcquire(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("slice " + (i / slice + 1) + " never let go");
                    }
                    TextMessage m = s.createTextMessage("m" + i);
                    m.setIntProperty("index", i);
                    p.send(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        producer.start();
        slices.release();
        String swapped = "Routes swap from deploy/swap.route.yaml replaced the previous version";
        for (int version = 2; version <= 4; version++) {
            // the slice before is coming out of the route: the swap happens while the stream flows
            long flowing = (version - 2L) * slice + slice / 10;
            platform.await(flowing + " messages routed to swap.out", Duration.ofSeconds(20), () -> {
                JsonNode out = platform.queue("swap.out");
                return out != null && out.path("messagesAdded").asLong() >= flowing;
            });
            slices.release();
            deploy("swap.route.yaml", route.formatted(version));
            int replaced = version - 1;
            platform.await("version " + version + " replaces the one before", Duration.ofSeconds(20),
                    () -> occurrences(platform.log(), swapped) >= replaced);
        }
        producer.join();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        java.util.Set<String> versions = new java.util.TreeSet<>();
        for (TextMessage m : receive("swap.out", n)) {
            assertTrue(seen.add(m.getIntProperty("index")), "routed twice: " + m.getText());
            versions.add(m.getStringProperty("version"));
        }
        assertEquals(n, seen.size());
        assertTrue(versions.size() > 1, "the versions swapped while messages flowed: " + versions);
    }

    @Test
    void aSelectorFilterOnATopicIsLeftToTheBroker() throws Exception {
        deploy("prices.route.yaml", """
                - route:
                    id: eu-prices
                    from:
                      uri: jms:topic:prices
                      steps:
                        - filter:
                            selector: "region = 'EU'"
                            steps:
                              - to: jms:queue:prices.eu
                """);
        platform.awaitDeployment("prices.route.yaml", Platform.status("DEPLOYED"));
        MessageProducer p = session.createProducer(session.createTopic("prices"));
        for (String region : List.of("US", "EU", "APAC", "EU")) {
            TextMessage m = session.createTextMessage(region);
            m.setStringProperty("region", region);
            p.send(m);
        }
        p.close();
        assertEquals(List.of("EU", "EU"), receive("prices.eu", 2).stream().map(m -> {
            try {
                return m.getText();
            } catch (javax.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
        JsonNode info = route("eu-prices");
        assertEquals("region = 'EU'", info.path("pushedDown").asText());
        assertEquals(2, info.path("steps").get(0).path("in").asLong(), "the others never left the broker");
    }

    @Test
    void aTimerDrivesARouteAndTheIdempotentConsumerLetsOneKeyPassOnce() throws Exception {
        deploy("timer.route.yaml", """
                - route:
                    id: ticks
                    from:
                      uri: timer:tick?period=100&repeatCount=5
                      steps:
                        - setBody:
                            template: "tick ${header.SB_TIMER_COUNTER} of ${header.SB_TIMER}"
                        - to: jms:queue:timer.all
                        - idempotentConsumer:
                            header: SB_TIMER
                            keepFor: 1h
                            steps:
                              - to: jms:queue:timer.once
                """);
        platform.awaitDeployment("timer.route.yaml", Platform.status("DEPLOYED"));
        List<TextMessage> all = receive("timer.all", 5);
        assertEquals("tick 1 of tick", all.get(0).getText(), "a template over the headers");
        assertEquals(5L, all.get(4).getLongProperty("SB_TIMER_COUNTER"));
        assertEquals(1, receive("timer.once", 1).size(), "the key 'tick' passes once");
    }

    @Test
    void throttleKeepsToItsRate() throws Exception {
        deploy("throttle.route.yaml", """
                - route:
                    id: slow
                    from:
                      uri: jms:queue:throttle.in
                      steps:
                        - throttle:
                            maximumRequestsPerPeriod: 2
                            timePeriodMillis: 500
                        - to: jms:queue:throttle.out
                """);
        platform.awaitDeployment("throttle.route.yaml", Platform.status("DEPLOYED"));
        for (int i = 0; i < 5; i++) {
            send("throttle.in", "m" + i);
        }
        List<TextMessage> out = receive("throttle.out", 5);
        long span = out.get(4).getJMSTimestamp() - out.get(0).getJMSTimestamp();
        assertTrue(span >= 950, "5 messages at 2 per 500 ms take a second, took " + span + " ms");
    }

    @Test
    void validateSendsMessagesThatBreakTheirSchemaToTheErrorTarget() throws Exception {
        Path schemas = Files.createDirectories(platform.deploy().resolve("schemas"));
        Files.writeString(schemas.resolve("order.json"), """
                {"type": "object", "required": ["id", "total"],
                 "properties": {"id": {"type": "string"}, "total": {"type": "number", "minimum": 0}}}
                """);
        Files.writeString(schemas.resolve("order.xsd"), """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:element name="order"><xs:complexType><xs:sequence>
                    <xs:element name="total" type="xs:decimal"/>
                  </xs:sequence></xs:complexType></xs:element>
                </xs:schema>
                """);
        deploy("valid.route.yaml", """
                - route:
                    id: valid-json
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:valid.errors
                    from:
                      uri: jms:queue:valid.json
                      steps:
                        - validate:
                            jsonSchema: schemas/order.json
                        - to: jms:queue:valid.out
                - route:
                    id: valid-xml
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:valid.errors
                    from:
                      uri: jms:queue:valid.xml
                      steps:
                        - validate:
                            xsd: schemas/order.xsd
                        - to: jms:queue:valid.out
                """);
        platform.awaitDeployment("valid.route.yaml", Platform.status("DEPLOYED"));
        send("valid.json", "{\"id\":\"o-1\",\"total\":5}");
        send("valid.json", "{\"id\":7,\"total\":-1}");
        send("valid.xml", "<order><total>12.50</total></order>");
        send("valid.xml", "<order><total>lots</total></order>");
        assertEquals(2, receive("valid.out", 2).size());
        List<TextMessage> errors = receive("valid.errors", 2);
        String all = errors.get(0).getStringProperty("switchboard_error") + "\n"
                + errors.get(1).getStringProperty("switchboard_error");
        assertTrue(all.contains("route valid-json (deploy/valid.route.yaml) step 1 (validate jsonSchema order.json): "
                + "invalid against jsonSchema order.json: "), all);
        assertTrue(all.contains("id: integer found, string expected")
                && all.contains("total: must have a minimum value of 0"), "every violation, where: " + all);
        assertTrue(all.contains("route valid-xml") && all.contains("invalid against xsd order.xsd: line 1: "), all);
    }

    @Test
    void jsonBecomesXmlAndBack() throws Exception {
        deploy("convert.route.yaml", """
                - route:
                    id: convert
                    from:
                      uri: jms:queue:convert.in
                      steps:
                        - jsonToXml:
                            root: order
                        - to: jms:queue:convert.xml
                        - xmlToJson: {}
                        - to: jms:queue:convert.json
                """);
        platform.awaitDeployment("convert.route.yaml", Platform.status("DEPLOYED"));
        send("convert.in", "{\"id\":\"o-1\",\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"}]}");
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><order><id>o-1</id><items><sku>A</sku></items>"
                + "<items><sku>B</sku></items></order>", receive("convert.xml", 1).get(0).getText());
        assertEquals("{\"order\":{\"id\":\"o-1\",\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"}]}}",
                receive("convert.json", 1).get(0).getText());
    }

    @Test
    void aBundleContributesARouteBuiltInJava() throws Exception {
        platform.drop(io.switchboard.it.TestBundles.bundle("it.route.provider", "1.0.0", java.util.Map.of(
                "Bundle-Activator", io.switchboard.it.bundles.RouteProviderActivator.class.getName(),
                "Import-Package", "io.switchboard.routing,org.osgi.framework"),
                io.switchboard.it.bundles.RouteProviderActivator.class), "route-provider.jar");
        platform.awaitDeployment("route-provider.jar", Platform.status("DEPLOYED"));
        send("builder.in", "{\"country\":\"DE\"}");
        send("builder.in", "{\"country\":\"NL\"}");
        assertEquals("{\"country\":\"DE\"}", receive("builder.de", 1).get(0).getText());
        assertEquals("{\"country\":\"NL\"}", receive("builder.other", 1).get(0).getText());
        assertTrue(route("built-in-java").path("file").asText().startsWith("bundle it.route.provider (service "));

        Files.delete(platform.deploy().resolve("route-provider.jar"));
        platform.awaitLog(l -> l.contains("Routes built-in-java from bundle it.route.provider")
                && l.contains("stopped: its service was unregistered"), java.time.Duration.ofSeconds(20));
        assertNull(route("built-in-java"));
    }

    @Test
    void aggregateCompletesGroupsBySizeAndByTimeout() throws Exception {
        deploy("aggregate.route.yaml", """
                - route:
                    id: collect
                    from:
                      uri: jms:queue:agg.in
                      steps:
                        - aggregate:
                            correlationExpression:
                              header: order
                            completionSize: 3
                            completionTimeout: 1000
                            steps:
                              - to: jms:queue:agg.out
                """);
        platform.awaitDeployment("aggregate.route.yaml", Platform.status("DEPLOYED"));
        send("agg.in", "{\"line\":1}", "order", "A");
        send("agg.in", "{\"line\":9}", "order", "B");
        send("agg.in", "{\"line\":2}", "order", "A");
        send("agg.in", "{\"line\":3}", "order", "A");
        List<TextMessage> out = receive("agg.out", 2);
        assertEquals("A", out.get(0).getStringProperty("order"), "the full group first");
        assertEquals("[{\"line\":1},{\"line\":2},{\"line\":3}]", out.get(0).getText());
        assertEquals(3, out.get(0).getIntProperty("SB_AGG_SIZE"));
        assertEquals("B", out.get(1).getStringProperty("order"), "the other after its timeout");
        assertEquals("[{\"line\":9}]", out.get(1).getText());
    }

    @Test
    void anAggregateThatCanNeverPassDeadLettersItsPartsInsteadOfRetryingForever() throws Exception {
        // the aggregate's body ("lines" of text) is not JSON: its next step fails it for good
        deploy("agg-dead.route.yaml", """
                - route:
                    id: collect-dead
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:aggdead.errors
                    from:
                      uri: jms:queue:aggdead.in
                      steps:
                        - aggregate:
                            correlationExpression:
                              header: order
                            completionSize: 2
                            aggregationStrategy: lines
                            steps:
                              - filter:
                                  jsonpath: $[?(@.line == 1)]
                                  steps:
                                    - to: jms:queue:aggdead.out
                """);
        platform.awaitDeployment("agg-dead.route.yaml", Platform.status("DEPLOYED"));
        send("aggdead.in", "first", "order", "A");
        send("aggdead.in", "second", "order", "A");
        List<TextMessage> dead = receive("aggdead.errors", 2);
        assertEquals(List.of("first", "second"), List.of(dead.get(0).getText(), dead.get(1).getText()));
        assertTrue(dead.get(0).getStringProperty("switchboard_error").contains("not JSON"),
                dead.get(0).getStringProperty("switchboard_error"));
    }

    @Test
    void enrichMergesADispatchHandlersReplyAndDeadLettersARefusal() throws Exception {
        Path circle;
        try (var examples = Files.list(platform.home().resolve("examples"))) {
            circle = examples.filter(p -> p.getFileName().toString().startsWith("switchboard-example-shape-circle-0"))
                    .findFirst().orElseThrow();
        }
        platform.drop(circle, "circle.jar");
        platform.awaitDeployment("circle.jar", Platform.status("DEPLOYED"));
        deploy("enrich.route.yaml", """
                - route:
                    id: areas
                    errorHandler:
                      deadLetterChannel:
                        deadLetterUri: jms:queue:enrich.errors
                    from:
                      uri: jms:queue:enrich.in
                      steps:
                        - enrich:
                            uri: dispatch:shape.circle#area
                            timeout: 5000
                        - to: jms:queue:enrich.out
                """);
        platform.awaitDeployment("enrich.route.yaml", Platform.status("DEPLOYED"));
        send("enrich.in", "{\"radius\":1.0,\"name\":\"unit\"}");
        JsonNode out = new com.fasterxml.jackson.databind.ObjectMapper().readTree(receive("enrich.out", 1).get(0).getText());
        assertEquals("unit", out.path("name").asText());
        assertEquals(Math.PI, out.path("area").asDouble(), 1e-9);
        send("enrich.in", "{\"radius\":-1}");
        String error = receive("enrich.errors", 1).get(0).getStringProperty("switchboard_error");
        assertTrue(error.contains("step 1 (enrich dispatch:shape.circle#area)") && error.contains("rejected"), error);
    }

    @Test
    void aBridgesSourceFeedsARouteOnceItIsOffered() throws Exception {
        deploy("counting.route.yaml", """
                - route:
                    id: counted
                    from:
                      uri: counting:20
                      steps:
                        - filter:
                            jsonpath: "$[?(@.index > 10)]"
                            steps:
                              - to: jms:queue:counting.high
                """);
        JsonNode waiting = platform.awaitDeployment("counting.route.yaml", Platform.status("DEPLOYED"));
        assertEquals("counted (waiting for bridge scheme counting)", waiting.path("target").asText());
        platform.drop(io.switchboard.it.TestBundles.bundle("it.counting.source", "1.0.0", java.util.Map.of(
                "Bundle-Activator", io.switchboard.it.bundles.TestSourceActivator.class.getName(),
                "Import-Package", "io.switchboard.routing,org.osgi.framework"),
                io.switchboard.it.bundles.TestSourceActivator.class), "counting-source.jar");
        platform.awaitDeployment("counting-source.jar", Platform.status("DEPLOYED"));
        List<TextMessage> high = receive("counting.high", 10);
        assertEquals(11, high.get(0).getIntProperty("index"));
        assertEquals(20, high.get(9).getIntProperty("index"));
        assertEquals("STARTED", route("counted").path("state").asText());
        assertEquals(20, route("counted").path("steps").get(0).path("in").asLong());
    }

    @Test
    void aLoopOfRoutesIsStoppedByTheHopLimit() throws Exception {
        deploy("loop.route.yaml", """
                - route:
                    id: ping
                    from:
                      uri: jms:queue:loop.a
                      steps:
                        - to: jms:queue:loop.b
                - route:
                    id: pong
                    from:
                      uri: jms:queue:loop.b
                      steps:
                        - to: jms:queue:loop.a
                """);
        platform.awaitDeployment("loop.route.yaml", Platform.status("DEPLOYED"));
        send("loop.a", "round and round", "trace", "loop-1");
        TextMessage dead = null;
        try (MessageConsumer c = session.createConsumer(session.createQueue("DLQ"),
                "trace = 'loop-1'")) {
            dead = (TextMessage) c.receive(20_000);
        }
        assertNotNull(dead, "the looping message never reached the DLQ\n" + platform.log());
        assertTrue(dead.getStringProperty("switchboard_error").contains("hop limit 32"),
                dead.getStringProperty("switchboard_error"));
    }

    @Test
    void aRefusedFileKeepsThePreviousVersionRunningAndAFixedOneReplacesIt() throws Exception {
        String v1 = """
                - route:
                    id: relay
                    from:
                      uri: jms:queue:relay.in
                      steps:
                        - to: jms:queue:relay.v1
                """;
        deploy("relay.route.yaml", v1);
        platform.awaitDeployment("relay.route.yaml", Platform.status("DEPLOYED"));
        deploy("relay.route.yaml", v1.replace("- to: jms:queue:relay.v1", "- tto: jms:queue:relay.v2"));
        JsonNode failed = platform.awaitDeployment("relay.route.yaml", Platform.status("FAILED"));
        String error = failed.path("error").asText();
        assertTrue(error.startsWith("deploy/relay.route.yaml:6:11: unknown step 'tto' (one of [") && error.contains(", filter, "), error);
        assertTrue(error.endsWith("]); the version deployed before keeps running"), error);
        send("relay.in", "still v1");
        assertEquals("still v1", receive("relay.v1", 1).get(0).getText());

        deploy("relay.route.yaml", v1.replace("relay.v1", "relay.v2"));
        platform.awaitDeployment("relay.route.yaml", Platform.status("DEPLOYED"));
        send("relay.in", "now v2");
        assertEquals("now v2", receive("relay.v2", 1).get(0).getText());

        Files.delete(platform.deploy().resolve("relay.route.yaml"));
        platform.awaitLog(l -> l.contains("Routes relay from deploy/relay.route.yaml stopped"),
                java.time.Duration.ofSeconds(20));
        assertNull(route("relay"));
        send("relay.in", "waits in the queue");
        try (MessageConsumer c = session.createConsumer(session.createQueue("relay.in"))) {
            assertEquals("waits in the queue", ((TextMessage) c.receive(5_000)).getText());
        }
    }
}

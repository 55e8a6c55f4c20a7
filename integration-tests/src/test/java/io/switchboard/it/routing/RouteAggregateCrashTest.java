package io.switchboard.it.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.testing.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partial aggregates are in the broker: a kill -9 between the parts of a group loses none of them. */
class RouteAggregateCrashTest {

    @TempDir
    static Path dir;
    static Platform platform;

    @BeforeAll
    static void boot() throws Exception {
        platform = Platform.at(Platform.unpack(dir), "data").start();
    }

    @AfterAll
    static void shutDown() throws InterruptedException {
        if (platform != null) {
            platform.close();
        }
    }

    private static void send(String body, String order) throws Exception {
        try (Connection c = new ActiveMQConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                "tcp://127.0.0.1:" + platform.brokerPort()).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("crash.agg.in"));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage m = s.createTextMessage(body);
            m.setStringProperty("order", order);
            p.send(m);
        }
    }

    @Test
    void aGroupStartedBeforeAKillIsCompletedAfterTheRestart() throws Exception {
        platform.drop("""
                - route:
                    id: crash-collect
                    from:
                      uri: jms:queue:crash.agg.in
                      steps:
                        - aggregate:
                            correlationExpression:
                              header: order
                            completionSize: 3
                            steps:
                              - to: jms:queue:crash.agg.out
                """.getBytes(StandardCharsets.UTF_8), "collect.route.yaml");
        platform.awaitDeployment("collect.route.yaml", Platform.status("DEPLOYED"));
        send("{\"line\":1}", "A");
        send("{\"line\":2}", "A");
        platform.await("the parts reach the aggregate", Duration.ofSeconds(20), () -> platform.api("/api/v1/routes")
                .path("routes").get(0).path("steps").get(0).path("in").asLong() >= 2);
        platform.kill();
        platform.start();
        platform.awaitLog(l -> l.contains("Route crash-collect: 1 partial aggregate(s) found"), Duration.ofSeconds(30));
        send("{\"line\":3}", "A");
        try (Connection c = new ActiveMQConnectionFactory("admin", Platform.ADMIN_PASSWORD,
                "tcp://127.0.0.1:" + platform.brokerPort()).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage out = (TextMessage) s.createConsumer(s.createQueue("crash.agg.out")).receive(20_000);
            assertNotNull(out, "no aggregate after the restart\n" + platform.log());
            assertEquals("[{\"line\":1},{\"line\":2},{\"line\":3}]", out.getText());
        }
    }
}

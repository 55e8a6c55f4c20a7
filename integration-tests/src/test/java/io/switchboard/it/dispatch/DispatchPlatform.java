package io.switchboard.it.dispatch;

import io.switchboard.client.DispatchClient;
import io.switchboard.it.TestBundles;
import io.switchboard.it.dispatch.bundles.TestHandler;
import io.switchboard.it.dispatch.bundles.TestHandlerActivator;
import io.switchboard.testing.Platform;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * One platform for the dispatch suites (booted on first use, stopped when the test JVM exits), with the
 * dispatcher configured the documented way, {@code config/io.switchboard.dispatch.cfg}, for short test times.
 */
final class DispatchPlatform {

    static final String CONFIG = """
            # short times so the suites see retries, parking expiry and timeouts quickly
            maxAttempts = 3
            redeliveryDelay = 100ms
            parkTimeout = 20s
            parkSweepInterval = 500ms
            handlerTimeout = 5s
            """;

    private static Platform platform;

    private DispatchPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            platform = Platform.startForJvm("switchboard-dispatch",
                    home -> Files.writeString(home.resolve("config/io.switchboard.dispatch.cfg"), CONFIG));
        }
        return platform;
    }

    static ConnectionFactory factory() {
        return new ActiveMQConnectionFactory(get().brokerUrl(), "admin", Platform.ADMIN_PASSWORD);
    }

    static DispatchClient client() throws JMSException {
        return new DispatchClient(factory());
    }

    /** The example bundle whose file name starts with {@code prefix}, from the distribution's examples/. */
    static Path example(String prefix) throws IOException {
        try (Stream<Path> examples = Files.list(get().home().resolve("examples"))) {
            return examples.filter(p -> p.getFileName().toString().startsWith(prefix + "-0")).findFirst()
                    .orElseThrow(() -> new IOException("no example " + prefix + " in " + get().home()));
        }
    }

    /** Deploys the example and waits until the deployer reports it deployed. */
    static void deployExample(String prefix, String file) throws IOException, InterruptedException {
        get().drop(example(prefix), file);
        get().awaitDeployment(file, Platform.status("DEPLOYED"));
    }

    /** A handler bundle built from {@link TestHandler}; {@code headers} are extra Test-Handler-* headers. */
    static byte[] handlerBundle(String name, String version, String type, String behaviour, String... headers)
            throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Bundle-Activator", TestHandlerActivator.class.getName());
        h.put("Import-Package", "io.switchboard.dispatch;version=\"[1.0,2)\",org.osgi.framework");
        h.put("Test-Handler-Type", type);
        h.put("Test-Handler-Behaviour", behaviour);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return TestBundles.bundle(name, version, h, TestHandlerActivator.class, TestHandler.class);
    }

    /** Deploys a test handler bundle as {@code <name>.jar} and waits until it is deployed. */
    static void deployHandler(String name, String type, String behaviour, String... headers)
            throws IOException, InterruptedException {
        get().drop(handlerBundle(name, "1.0.0", type, behaviour, headers), name + ".jar");
        get().awaitDeployment(name + ".jar", Platform.status("DEPLOYED"));
    }

    /** The next message on {@code queue} matching {@code selector}, or null after {@code millis}. */
    static jakarta.jms.Message receive(String queue, String selector, long millis) throws JMSException {
        try (Connection c = factory().createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue), selector);
            c.start();
            return consumer.receive(millis);
        }
    }
}

package io.switchboard.it.bundles;

import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteTarget;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A bridge as a test bundle: offers routes the target scheme {@code flaky}. {@code to: flaky:QUEUE} fails a message
 * as often as its {@code failTimes} header says (counted per {@code key} header), then passes it on to the JMS queue
 * QUEUE with {@code attempts} and the time of each attempt, so a test sees retries and their backoff.
 */
public class FlakyTargetActivator implements BundleActivator, RouteTarget {

    private final Map<String, StringBuilder> attempts = new ConcurrentHashMap<>();
    private ConnectionFactory factory;

    @Override
    public void start(BundleContext context) {
        factory = context.getService(context.getServiceReference(ConnectionFactory.class));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RouteTarget.SCHEME, "flaky");
        context.registerService(RouteTarget.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public void send(String uri, RouteMessage message) throws JMSException {
        String key = String.valueOf(message.headers().get("key"));
        StringBuilder times = attempts.computeIfAbsent(key, k -> new StringBuilder());
        int n;
        synchronized (times) {
            times.append(times.length() == 0 ? "" : ",").append(System.currentTimeMillis());
            n = times.toString().split(",").length;
        }
        Object failTimes = message.headers().get("failTimes");
        if (failTimes != null && n <= Integer.parseInt(failTimes.toString())) {
            throw new IllegalStateException("flaky target: attempt " + n + " of " + key + " refused");
        }
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage m = s.createTextMessage(message.bodyText());
            m.setIntProperty("attempts", n);
            m.setStringProperty("times", times.toString());
            m.setStringProperty("key", key);
            s.createProducer(s.createQueue(uri.substring("flaky:".length()))).send(m);
        }
    }
}

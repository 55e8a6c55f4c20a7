package io.switchboard.it.bundles;

import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteSource;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A bridge as a test bundle: offers routes the source scheme {@code counting}. {@code from: counting:N} hands over
 * N messages ({@code index} 1..N) from a thread of its own; a message the route refuses is offered again, as a
 * source with its own retries would.
 */
public class TestSourceActivator implements BundleActivator, RouteSource {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RouteSource.SCHEME, "counting");
        context.registerService(RouteSource.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
    }

    @Override
    public AutoCloseable open(String uri, Receiver receiver) {
        int n = Integer.parseInt(uri.substring("counting:".length()));
        Thread t = new Thread(() -> {
            for (int i = 1; i <= n && !Thread.currentThread().isInterrupted(); i++) {
                RouteMessage m = new RouteMessage(Map.of("index", i, "attempt-note", "x"),
                        ("{\"index\":" + i + "}").getBytes(StandardCharsets.UTF_8), true);
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        receiver.receive(m);
                        break;
                    } catch (Exception e) {
                        try {
                            // a real source's redelivery delay after a refused message: what this bundle simulates
                            Thread.sleep(100);
                        } catch (InterruptedException stop) {
                            return;
                        }
                    }
                }
            }
        }, "counting-source");
        t.start();
        return () -> {
            t.interrupt();
            t.join(10_000);
        };
    }
}

package io.switchboard.it.dispatch.bundles;

import io.switchboard.dispatch.MessageHandler;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers one {@link TestHandler} as its bundle's headers say: {@code Test-Handler-Type} (comma-separated),
 * {@code Test-Handler-Operations}, {@code Test-Handler-Ranking}, {@code Test-Handler-Concurrency},
 * {@code Test-Handler-Timeout} and {@code Test-Handler-Behaviour}. The whiteboard way, without DS.
 */
public final class TestHandlerActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, String> h = context.getBundle().getHeaders();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(MessageHandler.TYPE, h.get("Test-Handler-Type").split(","));
        if (h.get("Test-Handler-Operations") != null) {
            props.put(MessageHandler.OPERATIONS, h.get("Test-Handler-Operations").split(","));
        }
        if (h.get("Test-Handler-Ranking") != null) {
            props.put("service.ranking", Integer.valueOf(h.get("Test-Handler-Ranking")));
        }
        if (h.get("Test-Handler-Concurrency") != null) {
            props.put(MessageHandler.CONCURRENCY, Integer.valueOf(h.get("Test-Handler-Concurrency")));
        }
        if (h.get("Test-Handler-Timeout") != null) {
            props.put(MessageHandler.TIMEOUT, Long.valueOf(h.get("Test-Handler-Timeout")));
        }
        props.put("component.name", context.getBundle().getSymbolicName());
        context.registerService(MessageHandler.class,
                new TestHandler(context, context.getBundle().getSymbolicName(), h.get("Test-Handler-Behaviour")), props);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}

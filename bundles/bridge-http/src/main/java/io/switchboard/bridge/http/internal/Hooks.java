package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.ClusterRole;
import io.switchboard.routing.RouteSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The webhooks of this bundle by path, and the route receivers that take their messages: the {@link RouteSource} of
 * the scheme {@code hook} ({@code from: hook:<instance>}). Every node serves its webhooks (HTTP requests compete
 * like queue consumers), so the source runs on all of them.
 */
@Component(service = {Hooks.class, RouteSource.class}, property = {RouteSource.SCHEME + "=" + Hooks.SCHEME,
    ClusterRole.PROPERTY + "=all"})
public final class Hooks implements RouteSource {

    static final String SCHEME = "hook";

    private final Map<String, Webhook> byPath = new ConcurrentHashMap<>();
    private final Map<String, Webhook> byInstance = new ConcurrentHashMap<>();
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    /**
     * Serves a webhook at its path.
     *
     * @return null, or the instance that serves the path already
     */
    synchronized String add(Webhook hook) {
        Webhook holder = byPath.putIfAbsent(hook.settings().path(), hook);
        if (holder != null && holder != hook) {
            return holder.settings().instance();
        }
        byInstance.put(hook.settings().instance(), hook);
        if (receivers.containsKey(hook.settings().instance())) {
            hook.routeOpened();
        }
        return null;
    }

    synchronized void remove(Webhook hook) {
        byPath.remove(hook.settings().path(), hook);
        byInstance.remove(hook.settings().instance(), hook);
    }

    /** The webhook at {@code /hooks/<path>}, or null. */
    Webhook at(String path) {
        return byPath.get(path);
    }

    /** The receiver of the route that takes an instance's messages, or null while none runs. */
    Receiver receiver(String instance) {
        return receivers.get(instance);
    }

    @Override
    public AutoCloseable open(String uri, Receiver receiver) {
        String instance = uri.substring(uri.indexOf(':') + 1);
        int query = instance.indexOf('?');
        String name = query < 0 ? instance : instance.substring(0, query);
        synchronized (this) {
            if (receivers.putIfAbsent(name, receiver) != null) {
                throw new IllegalStateException("another route takes " + SCHEME + ":" + name + " already");
            }
            Webhook hook = byInstance.get(name);
            if (hook != null) {
                hook.routeOpened();
            }
        }
        return () -> {
            synchronized (this) {
                if (receivers.remove(name, receiver)) {
                    Webhook hook = byInstance.get(name);
                    if (hook != null) {
                        hook.routeClosed();
                    }
                }
            }
        };
    }
}

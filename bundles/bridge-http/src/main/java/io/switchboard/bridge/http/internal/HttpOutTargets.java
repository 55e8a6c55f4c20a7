package io.switchboard.bridge.http.internal;

import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The route target {@code http-out:<instance>}: sends through the HTTP out instance of that name. A route naming an
 * instance that is not configured (yet) fails its message transiently, so it waits at the source and is retried.
 */
@Component(service = {HttpOutTargets.class, RouteTarget.class}, property = RouteTarget.SCHEME + "=" + HttpOutTargets.SCHEME)
public final class HttpOutTargets implements RouteTarget {

    static final String SCHEME = "http-out";

    private final Map<String, HttpOut> instances = new ConcurrentHashMap<>();

    void add(String name, HttpOut out) {
        instances.put(name, out);
    }

    void remove(String name, HttpOut out) {
        instances.remove(name, out);
    }

    @Override
    public void send(String uri, RouteMessage message) throws Exception {
        String name = uri.substring(uri.indexOf(':') + 1);
        HttpOut out = instances.get(name);
        if (out == null) {
            throw new IllegalStateException("no HTTP out instance '" + name + "' is configured (deploy/"
                    + HttpOut.FACTORY_PID + "~" + name + ".cfg)");
        }
        out.send(message);
    }
}

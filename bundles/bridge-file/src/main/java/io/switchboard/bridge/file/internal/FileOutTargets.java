package io.switchboard.bridge.file.internal;

import io.switchboard.routing.RouteMessage;
import io.switchboard.routing.RouteTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The route target {@code file-out:<instance>}: writes through the file-out instance of that name. A route naming an
 * instance that is not configured (yet) fails its message transiently, so it waits at the source and is retried.
 */
@Component(service = {FileOutTargets.class, RouteTarget.class}, property = RouteTarget.SCHEME + "=" + FileOutTargets.SCHEME)
public final class FileOutTargets implements RouteTarget {

    static final String SCHEME = "file-out";

    private final Map<String, FileOut> instances = new ConcurrentHashMap<>();

    void add(String name, FileOut out) {
        instances.put(name, out);
    }

    void remove(String name, FileOut out) {
        instances.remove(name, out);
    }

    @Override
    public void send(String uri, RouteMessage message) throws Exception {
        String name = uri.substring(uri.indexOf(':') + 1);
        FileOut out = instances.get(name);
        if (out == null) {
            throw new IllegalStateException("no file out instance '" + name + "' is configured (deploy/"
                    + FileOut.FACTORY_PID + "~" + name + ".cfg)");
        }
        out.send(message);
    }
}

package io.switchboard.bridge.file.internal;

import io.switchboard.bridge.ClusterRole;
import io.switchboard.routing.RouteSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * The route source of the scheme {@code file} ({@code from: file:<instance>}): the files of the file-in instance of
 * that name go to the route that opens it, one route per instance. The instance's poller runs while both the
 * instance is configured and a route takes its files. Pollers run on the leading node only
 * ({@code switchboard.cluster = leader}): several nodes polling one folder would be safe (the rename decides) but
 * would only race.
 */
@Component(service = {FileSources.class, RouteSource.class}, property = {RouteSource.SCHEME + "=" + FileSources.SCHEME,
    ClusterRole.PROPERTY + "=leader"})
public final class FileSources implements RouteSource {

    static final String SCHEME = "file";

    private final Holds holds = new Holds();
    private final Map<String, FileIn> instances = new ConcurrentHashMap<>();
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    /** What the pollers of this bundle hold in .inprogress/ folders. */
    Holds holds() {
        return holds;
    }

    /** An instance is configured: its poller starts if a route takes its files. */
    synchronized void add(FileIn in) {
        instances.put(in.name(), in);
        Receiver r = receivers.get(in.name());
        if (r != null) {
            in.startPolling(r);
        }
    }

    void remove(FileIn in) {
        synchronized (this) {
            instances.remove(in.name(), in);
        }
        in.stopPolling(null);
    }

    @Override
    public AutoCloseable open(String uri, Receiver receiver) {
        String name = uri.substring(uri.indexOf(':') + 1);
        if (name.contains("?")) {
            throw new IllegalArgumentException(uri + ": a file source takes no options; they are set in deploy/"
                    + FileIn.FACTORY_PID + "~" + name.substring(0, name.indexOf('?')) + ".cfg");
        }
        synchronized (this) {
            if (receivers.putIfAbsent(name, receiver) != null) {
                throw new IllegalStateException("another route takes " + SCHEME + ":" + name + " already");
            }
            FileIn in = instances.get(name);
            if (in != null) {
                in.startPolling(receiver);
            }
        }
        return () -> {
            FileIn in;
            synchronized (this) {
                if (!receivers.remove(name, receiver)) {
                    return;
                }
                in = instances.get(name);
            }
            if (in != null) {
                in.stopPolling("no route takes " + SCHEME + ":" + name + " now");
            }
        };
    }
}

package io.switchboard.routing.internal;

import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.kernel.api.DeployHandler;
import io.switchboard.routing.RouteInfo;
import io.switchboard.routing.RouteOperations;
import io.switchboard.routing.RouteProvider;
import io.switchboard.routing.RouteSource;
import io.switchboard.routing.RouteTarget;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The routes of {@code deploy/*.route.yaml}: the deployer hands each file here. A file is parsed and checked whole
 * before anything changes; then the routes of its previous version stop once their messages in hand are committed,
 * and the new ones start — a message is never lost or routed twice in the swap (transacted sources), and a refused
 * file leaves the previous version running. Deleting a file stops its routes the same way.
 */
@Component(service = {DeployHandler.class, RouteOperations.class}, configurationPid = RouteFiles.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        // 1 MB: a route file is a few kB; the parser's own budget (YamlLimits, 3 Mi code points) is never the limit
        property = {DeployHandler.SUFFIX + "=.route.yaml", DeployHandler.KIND + "=route",
                DeployHandler.MAX_SIZE + ":Long=1048576"})
@Designate(ocd = RoutingConfiguration.class)
public final class RouteFiles implements DeployHandler, RouteOperations {

    static final String PID = "io.switchboard.routing";

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.routing");

    private final ConnectionFactory factory;
    private final Path home;
    /** The routes by where they came from: a file's name (deploy/x.route.yaml), or "bundle <name> (service N)". */
    private final Map<String, List<RouteRunner>> byFile = new LinkedHashMap<>();
    private final Services services = new Services();

    @Activate
    public RouteFiles(BundleContext context, @Reference ConnectionFactory factory, RoutingConfiguration configuration) {
        this.factory = factory;
        this.home = Path.of(context.getProperty("switchboard.home")).toAbsolutePath();
        modified(configuration);
    }

    /** A changed configuration applies to the next message; one that does not validate is refused, logged. */
    @Modified
    void modified(RoutingConfiguration configuration) {
        try {
            services.fanOut().limit(configuration.fanOutLimit());
        } catch (IllegalArgumentException e) {
            LOG.error("Routing configuration refused ({}: {}); the fan-out limit stays {}", PID, e.getMessage(),
                    services.fanOut().limit());
        }
    }

    /** A bridge's target: the routes that waited for its scheme start. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTarget(RouteTarget target, Map<String, Object> properties) {
        String scheme = String.valueOf(properties.get(RouteTarget.SCHEME));
        services.add(scheme, target);
        LOG.info("Route target scheme {} offered by {}", scheme, target.getClass().getName());
        reconsider();
    }

    /** The routes that send to its scheme wait (messages stay at their sources) until another offers it. */
    void removeTarget(RouteTarget target, Map<String, Object> properties) {
        String scheme = String.valueOf(properties.get(RouteTarget.SCHEME));
        services.remove(scheme, target);
        LOG.info("Route target scheme {} withdrawn", scheme);
        reconsider();
    }

    /** A bridge's source: the routes that waited for its scheme start. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(RouteSource source, Map<String, Object> properties) {
        String scheme = String.valueOf(properties.get(RouteSource.SCHEME));
        services.addSource(scheme, source);
        LOG.info("Route source scheme {} offered by {}", scheme, source.getClass().getName());
        reconsider();
    }

    void removeSource(RouteSource source, Map<String, Object> properties) {
        String scheme = String.valueOf(properties.get(RouteSource.SCHEME));
        services.removeSource(scheme, source);
        LOG.info("Route source scheme {} withdrawn", scheme);
        reconsider();
    }

    /** The delivery bundle's idempotent receiver, for idempotentConsumer steps. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setIdempotent(IdempotentReceiver receiver) {
        services.idempotent(receiver);
    }

    void unsetIdempotent(IdempotentReceiver receiver) {
        services.idempotent(null);
    }

    /** Starts the waiting routes whose schemes are all offered; makes those that lost one wait. */
    private synchronized void reconsider() {
        for (RouteRunner r : byFile.values().stream().flatMap(List::stream).toList()) {
            List<String> missing = r.missingSchemes();
            if (!missing.isEmpty() && r.state() == RouteInfo.State.STARTED) {
                r.waitFor(missing);
                LOG.warn("Route {} waits for bridge scheme(s) {}: messages stay at {}", r.route.id(), missing,
                        r.route.source().uri());
            } else if (missing.isEmpty() && r.state() == RouteInfo.State.WAITING) {
                try {
                    r.start();
                    LOG.info("Route {} started: its bridge schemes are offered", r.route.id());
                } catch (JMSException | RuntimeException e) {
                    LOG.error("Route {} could not start: {}", r.route.id(), e.toString());
                }
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        byFile.values().forEach(rs -> rs.forEach(r -> r.stop(RouteInfo.State.STOPPED)));
        byFile.clear();
    }

    /** Parsed outside the lock: reading one large file holds up no other route file, nor the console's listing. */
    @Override
    public String deploy(Path file) throws Exception {
        String name = name(file.toAbsolutePath());
        List<RouteDefinition> routes = RouteParser.parse(file.toAbsolutePath(), name);
        synchronized (this) {
            return deploy(name, routes);
        }
    }

    /** Routes a bundle built in Java: deployed as a file's would be; an invalid set is logged and not started. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addProvider(RouteProvider provider, ServiceReference<RouteProvider> ref) {
        String name = providerName(ref);
        try {
            List<Map<String, Object>> entries = provider.routes().stream()
                    .map(r -> Map.<String, Object>of("route", r.asMap())).toList();
            String yaml = new Yaml().dump(entries);
            deploy(name, RouteParser.parse(new StringReader(yaml), name));
        } catch (Exception | LinkageError e) {
            LOG.error("Routes of {} refused: {}", name, e.getMessage());
        }
    }

    synchronized void removeProvider(RouteProvider provider, ServiceReference<RouteProvider> ref) {
        undeploy(providerName(ref), "its service was unregistered");
    }

    private static String providerName(ServiceReference<?> ref) {
        return "bundle " + ref.getBundle().getSymbolicName() + " (service " + ref.getProperty("service.id") + ")";
    }

    private String deploy(String name, List<RouteDefinition> routes) throws Exception {
        for (RouteDefinition r : routes) {
            for (Map.Entry<String, List<RouteRunner>> e : byFile.entrySet()) {
                if (!e.getKey().equals(name) && e.getValue().stream().anyMatch(x -> x.route.id().equals(r.id()))) {
                    throw new RouteParser.InvalidRouteFile(name + ":" + r.line() + ": route id '" + r.id()
                            + "' is already deployed from " + e.getKey());
                }
            }
        }
        Map<String, RouteInfo.State> before = new HashMap<>();
        List<RouteRunner> old = byFile.remove(name);
        if (old != null) {
            for (RouteRunner r : old) {
                before.put(r.route.id(), r.info().state());
                r.stop(RouteInfo.State.STOPPED);
            }
        }
        List<RouteRunner> started = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        try {
            for (RouteDefinition r : routes) {
                RouteRunner runner = new RouteRunner(r, name, factory, services);
                started.add(runner);
                List<String> missing = runner.missingSchemes();
                if (before.get(r.id()) == RouteInfo.State.SUSPENDED || before.get(r.id()) == RouteInfo.State.STOPPED) {
                    runner.stop(before.get(r.id()));
                } else if (!missing.isEmpty()) {
                    runner.waitFor(missing);
                    waiting.add(r.id() + " (waiting for bridge scheme " + String.join(", ", missing) + ")");
                } else {
                    runner.start();
                }
            }
        } catch (JMSException | RuntimeException e) {
            started.forEach(r -> r.stop(RouteInfo.State.STOPPED));
            throw new IllegalStateException(name + ": a route's source did not start: " + e.getMessage(), e);
        }
        byFile.put(name, started);
        String ids = String.join(", ", routes.stream().map(RouteDefinition::id).toList());
        LOG.info("Routes {} from {} {}", ids, name, old == null ? "deployed" : "replaced the previous version");
        for (String w : waiting) {
            LOG.warn("Route {}: messages stay at its source until a bridge offers the scheme", w);
        }
        warnOfLoops(routes);
        return String.join(", ", routes.stream().map(r -> waiting.stream().filter(w -> w.startsWith(r.id() + " ("))
                .findFirst().orElse(r.id())).toList());
    }

    /**
     * Names each loop of routes the new ones close, once: a loop may be meant (a filter lets messages out), so it is
     * deployed, and the hop and fan-out limits bound what it can do.
     */
    private void warnOfLoops(List<RouteDefinition> added) {
        List<RouteDefinition> all = byFile.values().stream().flatMap(List::stream).map(r -> r.route).toList();
        Set<Set<String>> named = new HashSet<>();
        for (RouteDefinition r : added) {
            String loop = RouteCycles.through(r, all);
            if (loop != null && named.add(new HashSet<>(List.of(loop.split(" -> "))))) {
                LOG.warn("Routes form a loop: {}. Each message in it stops after {} hops and may cause at most {} "
                        + "messages (fanOutLimit), the rest dead-lettered: make sure a filter lets messages out",
                        loop, RouteRunner.HOP_LIMIT, services.fanOut().limit());
            }
        }
    }

    @Override
    public synchronized void undeploy(Path file) {
        undeploy(name(file.toAbsolutePath()), "the file was removed");
    }

    private void undeploy(String key, String why) {
        List<RouteRunner> old = byFile.remove(key);
        if (old != null) {
            old.forEach(r -> r.stop(RouteInfo.State.STOPPED));
            LOG.info("Routes {} from {} stopped: {}", String.join(", ", old.stream().map(r -> r.route.id()).toList()),
                    key, why);
        }
    }

    @Override
    public synchronized List<RouteInfo> routes() {
        return byFile.values().stream().flatMap(List::stream).map(RouteRunner::info)
                .sorted(Comparator.comparing(RouteInfo::id)).toList();
    }

    @Override
    public synchronized void suspend(String id) {
        runner(id).stop(RouteInfo.State.SUSPENDED);
        LOG.info("Route {} suspended", id);
    }

    @Override
    public synchronized void stop(String id) {
        runner(id).stop(RouteInfo.State.STOPPED);
        LOG.info("Route {} stopped", id);
    }

    @Override
    public synchronized void resume(String id) {
        RouteRunner r = runner(id);
        List<String> missing = r.missingSchemes();
        if (!missing.isEmpty()) {
            r.waitFor(missing);
            LOG.info("Route {} resumed: waits for bridge scheme(s) {}", id, missing);
            return;
        }
        try {
            r.start();
        } catch (JMSException e) {
            throw new IllegalStateException("route " + id + ": the broker refused its source: " + e.getMessage(), e);
        }
        LOG.info("Route {} resumed", id);
    }

    private RouteRunner runner(String id) {
        return byFile.values().stream().flatMap(List::stream).filter(r -> r.route.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no route " + id));
    }

    private String name(Path file) {
        return file.startsWith(home) ? home.relativize(file).toString() : file.toString();
    }
}

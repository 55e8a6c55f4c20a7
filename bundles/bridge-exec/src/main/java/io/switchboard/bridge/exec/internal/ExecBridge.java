package io.switchboard.bridge.exec.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.delivery.Sink;
import io.switchboard.dispatch.MessageHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec configuration ({@code deploy/io.switchboard.bridge.exec~<instance>.cfg}): a program that handles the
 * messages of a type and is the delivery endpoint named by the instance. While the program can be run the bridge is
 * CONNECTED and registers its {@link MessageHandler} and {@link Sink}; while it cannot (missing, not executable) the
 * bridge is FAILED with the reason and registers neither, so dispatch parks the type's messages and delivery keeps
 * the endpoint's, until the program is there. A configuration that does not check out fails the activation with an
 * {@link IllegalArgumentException} naming the setting, which the deployer shows against the file.
 */
@Component(service = {}, configurationPid = ExecBridge.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ExecConfiguration.class, factory = true)
public final class ExecBridge {

    static final String FACTORY_PID = "io.switchboard.bridge.exec";
    /** How often a missing program is looked for (and a present one checked). */
    static final Duration LOOK_EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ExecBridge.class);

    private final BundleContext context;
    private final ExecSettings settings;
    private final BridgeInstance instance;
    private final ExecutorService threads;
    private final ExecEndpoint endpoint;
    private final ProgramWatch watch;
    private ServiceRegistration<MessageHandler> handler;
    private ServiceRegistration<Sink> sink;

    @Activate
    public ExecBridge(BundleContext context, ExecConfiguration configuration, Map<String, Object> properties) {
        this.context = context;
        String name = BridgeInstance.instanceName(properties);
        String home = context.getProperty("switchboard.home");
        try {
            settings = ExecSettings.parse(name, configuration, Path.of(home == null ? "." : home).toAbsolutePath());
        } catch (IllegalArgumentException e) {
            LOG.error("Bridge exec~{} refused: {}", name, e.getMessage());
            throw e;
        }
        Environment environment = new Environment(System.getenv(), settings.environment());
        Program program = new Program(settings.argv().get(0), settings.directory(), environment.path());
        instance = new BridgeInstance("exec", name, settings.required(), properties).register(context);
        threads = Executors.newCachedThreadPool(threadsNamed("switchboard-exec-" + name + "-"));
        watch = new ProgramWatch(name, program, LOOK_EVERY, this::programChanged);
        endpoint = new ExecEndpoint(settings, program, environment, threads, instance, reason -> watch.lookSoon());
        watch.start();
    }

    private synchronized void programChanged(Optional<String> problem) {
        if (problem.isEmpty()) {
            if (handler == null) {
                handler = context.registerService(MessageHandler.class, new ExecHandler(endpoint, instance),
                        ExecHandler.properties(settings));
                sink = context.registerService(Sink.class, new ExecSink(endpoint), ExecSink.properties(settings));
                LOG.info("Bridge exec~{} handles type {}{} with {} (endpoint {})", settings.instance(),
                        settings.type(), settings.operations().isEmpty() ? "" : " " + settings.operations(),
                        settings.argv(), settings.instance());
            }
            instance.connected();
        } else {
            unregister();
            instance.failed(problem.get() + "; messages of type " + settings.type()
                    + " are parked until it can run (looked for every " + LOOK_EVERY.toSeconds() + "s)");
        }
    }

    private synchronized void unregister() {
        for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {handler, sink}) {
            if (r != null) {
                try {
                    r.unregister();
                } catch (IllegalStateException gone) {
                    // the bundle is stopping: already unregistered
                }
            }
        }
        handler = null;
        sink = null;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        watch.close();
        unregister();
        try {
            endpoint.close();
        } finally {
            threads.shutdown();
            instance.close();
        }
    }

    private static java.util.concurrent.ThreadFactory threadsNamed(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package io.switchboard.bridge.file.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.routing.RouteProvider;
import io.switchboard.routing.RouteSource.Receiver;
import io.switchboard.routing.RouteSpec;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file-in instance ({@code deploy/io.switchboard.bridge.file.in~<instance>.cfg}): its folder's files are taken
 * by the route {@code bridge.file.in.<instance>} to its {@code to} (or by route files that say
 * {@code from: file:<instance>}). CONNECTED while its poller runs and the folder can be read and written;
 * DISCONNECTED with the reason otherwise. A configuration that does not check out fails the activation naming the
 * field, so the deployer shows the file FAILED and keeps the configuration before it.
 */
@Component(service = {}, configurationPid = FileIn.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileInConfiguration.class, factory = true)
public final class FileIn {

    static final String FACTORY_PID = "io.switchboard.bridge.file.in";
    private static final Logger LOG = LoggerFactory.getLogger(FileIn.class);

    private final FileInSettings settings;
    private final FileSources sources;
    private final BridgeInstance instance;
    private final ServiceRegistration<RouteProvider> route;
    private FolderPoller poller;

    @Activate
    public FileIn(BundleContext context, FileInConfiguration configuration, Map<String, Object> properties,
            @Reference FileSources sources) {
        String name = BridgeInstance.instanceName(properties);
        try {
            settings = FileInSettings.of(name, configuration, HomePaths.home(context));
        } catch (IllegalArgumentException e) {
            LOG.error("File in file.in~{} refused: {}", name, e.getMessage());
            throw new IllegalArgumentException(FACTORY_PID + "~" + name + ": " + e.getMessage(), e);
        }
        this.sources = sources;
        instance = new BridgeInstance("file.in", name, settings.required(), properties);
        instance.disconnected(settings.to() == null ? "no route file takes file:" + name + " yet"
                : "its route bridge.file.in." + name + " is not running yet");
        instance.register(context);
        route = settings.to() == null ? null : context.registerService(RouteProvider.class, this::routes, null);
        sources.add(this);
        LOG.info("File in file.in~{} polls {} every {} ms to {}", name, settings.folder(),
                settings.interval().toMillis(),
                settings.to() == null ? "route files (from: file:" + name + ")" : settings.to());
    }

    private List<RouteSpec> routes() {
        return List.of(RouteSpec.route("bridge.file.in." + settings.instance())
                .from(FileSources.SCHEME + ":" + settings.instance()).steps(s -> s.to(settings.to())).build());
    }

    String name() {
        return settings.instance();
    }

    /** A route takes the files: the poller starts. */
    synchronized void startPolling(Receiver receiver) {
        if (poller != null) {
            poller.close();
        }
        poller = new FolderPoller(settings, instance, sources.holds(), receiver);
        poller.start();
    }

    /** The route went (or the instance goes): the poller stops, files in progress stay for the next one. */
    void stopPolling(String reason) {
        FolderPoller p;
        synchronized (this) {
            p = poller;
            poller = null;
        }
        if (p != null) {
            p.close();
            if (reason != null) {
                instance.disconnected(reason);
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (route != null) {
            try {
                route.unregister();
            } catch (IllegalStateException gone) {
                // the bundle is stopping
            }
        }
        sources.remove(this);
        instance.close();
    }
}

package io.switchboard.bridge.file.internal;

import io.switchboard.bridge.BridgeHeaders;
import io.switchboard.bridge.BridgeInstance;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.Sink;
import io.switchboard.dispatch.Message;
import io.switchboard.routing.PermanentFailure;
import io.switchboard.routing.RouteMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
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
 * One file-out instance ({@code deploy/io.switchboard.bridge.file.out~<instance>.cfg}): the delivery endpoint
 * {@code <instance>} ({@code deliver:<instance>}: retransmission, backoff and dead letters) and the route target
 * {@code file-out:<instance>}. Its root folder is created when missing. CONNECTED while files can be written there;
 * DISCONNECTED with the reason after a write failed for want of the folder, CONNECTED again with the next write.
 */
@Component(service = {}, configurationPid = FileOut.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileOutConfiguration.class, factory = true)
public final class FileOut implements Sink {

    static final String FACTORY_PID = "io.switchboard.bridge.file.out";
    private static final Logger LOG = LoggerFactory.getLogger(FileOut.class);

    private final String name;
    private final FileNames names;
    private final FolderWriter writer;
    private final BridgeInstance instance;
    private final FileOutTargets targets;
    private final ServiceRegistration<Sink> sink;

    @Activate
    public FileOut(BundleContext context, FileOutConfiguration configuration, Map<String, Object> properties,
            @Reference FileOutTargets targets) {
        name = BridgeInstance.instanceName(properties);
        try {
            Path folder = HomePaths.folder("folder", configuration.folder(), HomePaths.home(context));
            names = FileNames.of(configuration.fileName());
            writer = new FolderWriter(folder, FileExist.of(configuration.fileExist()));
        } catch (IllegalArgumentException e) {
            LOG.error("File out file.out~{} refused: {}", name, e.getMessage());
            throw new IllegalArgumentException(FACTORY_PID + "~" + name + ": " + e.getMessage(), e);
        }
        this.targets = targets;
        instance = new BridgeInstance("file.out", name, configuration.required(), properties);
        try {
            Files.createDirectories(writer.root());
            instance.connected();
        } catch (IOException e) {
            instance.disconnected("folder " + writer.root() + " cannot be created: " + e);
        }
        instance.register(context);
        targets.add(name, this);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Sink.ENDPOINT, name);
        sink = context.registerService(Sink.class, this, p);
        LOG.info("File out file.out~{} writes {} under {} (deliver:{}, file-out:{})", name, names, writer.root(), name,
                name);
    }

    @Override
    public DeliveryResult deliver(Message message) {
        Map<String, String> headers = new LinkedHashMap<>(message.headers());
        headers.put(BridgeHeaders.MESSAGE_ID, message.id());
        put(headers, BridgeHeaders.TYPE, message.type());
        put(headers, BridgeHeaders.OPERATION, message.operation());
        put(headers, BridgeHeaders.CONTENT_TYPE, message.contentType());
        put(headers, BridgeHeaders.CORRELATION_ID, message.correlationId());
        try {
            write(headers, message.contentType(), message.bodyBytes());
            return DeliveryResult.delivered();
        } catch (PermanentFailure e) {
            return DeliveryResult.permanentFailure(e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.transientFailure(e.toString());
        }
    }

    /** The route target's send: a name refused for good is a {@link PermanentFailure}; an I/O error is transient. */
    void send(RouteMessage message) throws PermanentFailure, IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        message.headers().forEach((k, v) -> headers.put(k, String.valueOf(v)));
        String contentType = headers.getOrDefault(BridgeHeaders.CONTENT_TYPE,
                message.text() ? Message.JSON : ContentTypes.OCTET_STREAM);
        write(headers, contentType, message.body());
    }

    private void write(Map<String, String> headers, String contentType, byte[] body)
            throws PermanentFailure, IOException {
        try {
            Path written = writer.write(names.name(headers, contentType, body, Instant.now()), body);
            instance.connected();
            instance.out();
            LOG.debug("File out {}: wrote {}", instance.name(), written);
        } catch (PermanentFailure e) {
            instance.failure(e.getMessage());
            throw e;
        } catch (IOException e) {
            instance.failure(e.toString());
            String problem = FolderPoller.problem(writer.root());
            if (problem != null) {
                instance.disconnected(problem);
            }
            throw e;
        }
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    @Deactivate
    void deactivate() {
        try {
            sink.unregister();
        } catch (IllegalStateException gone) {
            // the bundle is stopping
        }
        targets.remove(name, this);
        instance.close();
    }
}

package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.delivery.DeliveryResult;
import io.switchboard.delivery.Sink;
import io.switchboard.dispatch.Message;
import io.switchboard.kernel.api.Secrets;
import io.switchboard.routing.PermanentFailure;
import io.switchboard.routing.RouteMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
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
 * One HTTP out instance ({@code deploy/io.switchboard.bridge.http.out~<instance>.cfg}): the delivery endpoint
 * {@code <instance>} (so {@code deliver:<instance>} gets retransmission, backoff, the breaker and dead letters, and a
 * {@code Retry-After} is honoured as the next attempt's time) and the route target {@code http-out:<instance>}
 * (a permanent answer dead-letters the route's message at once). CONNECTED until a request cannot reach the far end,
 * CONNECTED again when one does.
 */
@Component(service = {}, configurationPid = HttpOut.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HttpOutConfiguration.class, factory = true)
public final class HttpOut implements Sink {

    static final String FACTORY_PID = "io.switchboard.bridge.http.out";
    private static final Logger LOG = LoggerFactory.getLogger(HttpOut.class);

    private final HttpOutSettings settings;
    private final HttpClient client;
    private final BridgeInstance instance;
    private final HttpOutTargets targets;
    private final ServiceRegistration<Sink> sink;

    @Activate
    public HttpOut(BundleContext context, HttpOutConfiguration configuration, Map<String, Object> properties,
            @Reference HttpOutTargets targets) {
        String name = BridgeInstance.instanceName(properties);
        try {
            settings = HttpOutSettings.of(name, configuration);
        } catch (IllegalArgumentException e) {
            LOG.error("HTTP out http.out~{} refused: {}", name, e.getMessage());
            throw new IllegalArgumentException(FACTORY_PID + "~" + name + ": " + e.getMessage(), e);
        }
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (settings.ssl() != null) {
            b.sslContext(settings.ssl());
        }
        client = b.build();
        this.targets = targets;
        instance = new BridgeInstance("http.out", name, settings.required(), properties);
        instance.connected();
        instance.register(context);
        targets.add(name, this);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(Sink.ENDPOINT, name);
        sink = context.registerService(Sink.class, this, p);
        LOG.info("HTTP out http.out~{}: {} {} (deliver:{}, http-out:{})", name, settings.method(),
                Secrets.mask(settings.url()), name, name);
    }

    @Override
    public DeliveryResult deliver(Message message) throws InterruptedException {
        Outcome o = send(Outgoing.of(message));
        return switch (o.kind) {
            case DELIVERED -> DeliveryResult.delivered();
            case REFUSED -> DeliveryResult.refused(o.reason);
            case PERMANENT -> DeliveryResult.permanentFailure(o.reason);
            case TRANSIENT -> DeliveryResult.transientFailure(o.reason, o.answer == null ? null : o.answer.retryAfter());
        };
    }

    /** The route target's send: a permanent answer is a {@link PermanentFailure}, anything else not delivered throws. */
    void send(RouteMessage message) throws Exception {
        Outcome o = send(Outgoing.of(message));
        switch (o.kind) {
            case DELIVERED -> { }
            case REFUSED, PERMANENT -> throw new PermanentFailure(o.reason);
            case TRANSIENT -> throw new IOException(o.reason);
        }
    }

    private enum Kind { DELIVERED, REFUSED, PERMANENT, TRANSIENT }

    private record Outcome(Kind kind, String reason, OutboundCall.Answer answer) {
    }

    private Outcome send(Outgoing m) throws InterruptedException {
        HttpRequest request;
        try {
            request = OutboundCall.request(settings, m, Instant.now());
        } catch (IllegalArgumentException e) {
            instance.failure(e.getMessage());
            return new Outcome(Kind.REFUSED, e.getMessage(), null);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return unreachable("HTTP timeout after " + settings.timeout().toMillis() + " ms (" + where() + ")");
        } catch (IOException e) {
            return unreachable("HTTP " + Secrets.masked(e) + " (" + where() + ")");
        }
        instance.connected();
        OutboundCall.Answer a = OutboundCall.answer(response, Instant.now());
        if (a.delivered()) {
            instance.out();
            return new Outcome(Kind.DELIVERED, null, a);
        }
        instance.failure(a.reason());
        return new Outcome(a.permanent() ? Kind.PERMANENT : Kind.TRANSIENT, a.reason(), a);
    }

    private Outcome unreachable(String reason) {
        instance.failure(reason);
        instance.disconnected(reason);
        return new Outcome(Kind.TRANSIENT, reason, null);
    }

    private String where() {
        return Secrets.mask(settings.url());
    }

    @Deactivate
    void deactivate() {
        try {
            sink.unregister();
        } catch (IllegalStateException gone) {
            // the bundle is stopping
        }
        targets.remove(settings.instance(), this);
        instance.close();
    }
}

package io.switchboard.bridge.http.internal;

import io.switchboard.bridge.BridgeInstance;
import io.switchboard.dispatch.IdempotentReceiver;
import io.switchboard.dispatch.Messenger;
import io.switchboard.kernel.api.HttpCredentials;
import io.switchboard.routing.RouteProvider;
import io.switchboard.routing.RouteSpec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook ({@code deploy/io.switchboard.bridge.http.in~<instance>.cfg}): served at {@code /hooks/<path>}, its
 * messages taken by the route {@code bridge.http.in.<instance>} to its {@code to} (or by route files that say
 * {@code from: hook:<instance>}). CONNECTED while a route takes its messages; DISCONNECTED while none does (calls are
 * answered 503 with Retry-After then). A configuration that does not check out fails the activation naming the
 * field, so the deployer shows the file FAILED and keeps the configuration before it.
 */
@Component(service = {}, configurationPid = Webhook.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = HookConfiguration.class, factory = true)
public final class Webhook {

    static final String FACTORY_PID = "io.switchboard.bridge.http.in";
    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);

    private final HookSettings settings;
    private final Hooks hooks;
    private final BridgeInstance instance;
    private final HookIntake intake;
    private final ServiceRegistration<RouteProvider> route;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile IdempotentReceiver idempotent;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Messenger messenger;

    @Activate
    public Webhook(BundleContext context, HookConfiguration configuration, Map<String, Object> properties,
            @Reference Hooks hooks, @Reference HttpCredentials credentials) {
        String name = BridgeInstance.instanceName(properties);
        try {
            settings = HookSettings.of(name, configuration);
        } catch (IllegalArgumentException e) {
            LOG.error("Webhook http.in~{} refused: {}", name, e.getMessage());
            throw new IllegalArgumentException(FACTORY_PID + "~" + name + ": " + e.getMessage(), e);
        }
        this.hooks = hooks;
        this.instance = new BridgeInstance("http.in", name, settings.required(), properties);
        this.intake = new HookIntake(settings, instance, hooks, credentials, () -> idempotent, () -> messenger);
        instance.disconnected(settings.to() == null ? "no route file takes hook:" + name + " yet"
                : "its route bridge.http.in." + name + " is not running yet");
        String holder = hooks.add(this);
        if (holder != null) {
            String reason = "path = " + settings.path() + " is served by the webhook http.in~" + holder + " already";
            LOG.error("Webhook http.in~{} refused: {}", name, reason);
            throw new IllegalArgumentException(FACTORY_PID + "~" + name + ": " + reason);
        }
        instance.register(context);
        route = settings.to() == null ? null : context.registerService(RouteProvider.class, this::routes, null);
        LOG.info("Webhook http.in~{} at /hooks/{} ({} auth) to {}", name, settings.path(),
                settings.auth().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                settings.to() == null ? "route files (from: hook:" + name + ")" : settings.to());
    }

    private List<RouteSpec> routes() {
        return List.of(RouteSpec.route("bridge.http.in." + settings.instance()).from(Hooks.SCHEME + ":" + settings.instance())
                .steps(s -> s.to(settings.to())).build());
    }

    HookSettings settings() {
        return settings;
    }

    void routeOpened() {
        instance.connected();
    }

    void routeClosed() {
        instance.disconnected("no route takes hook:" + settings.instance() + " now");
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        intake.handle(request, response);
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
        hooks.remove(this);
        instance.close();
    }
}

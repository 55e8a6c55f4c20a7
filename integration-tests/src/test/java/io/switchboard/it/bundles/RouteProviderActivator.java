package io.switchboard.it.bundles;

import io.switchboard.routing.RouteProvider;
import io.switchboard.routing.RouteSpec;
import java.util.List;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A bundle that contributes a route built in Java: orders by country, as the README's route file does. */
public class RouteProviderActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        RouteProvider provider = () -> List.of(RouteSpec.route("built-in-java")
                .from("jms:queue:builder.in")
                .steps(s -> s
                        .setHeader("country", "jsonpath", "$.country")
                        .choice(c -> c
                                .when("selector", "country = 'DE'", w -> w.to("jms:queue:builder.de"))
                                .otherwise(o -> o.to("jms:queue:builder.other"))))
                .build());
        context.registerService(RouteProvider.class, provider, null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}

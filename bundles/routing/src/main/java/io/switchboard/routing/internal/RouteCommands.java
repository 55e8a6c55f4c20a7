package io.switchboard.routing.internal;

import io.switchboard.routing.RouteInfo;
import io.switchboard.routing.RouteOperations;
import io.switchboard.routing.StepInfo;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell: {@code route:list}, {@code route:show <id>} (its steps' counters), {@code route:suspend <id>},
 * {@code route:stop <id>}, {@code route:resume <id>}.
 */
@Component(service = RouteCommands.class, property = {"osgi.command.scope=route", "osgi.command.function=list",
    "osgi.command.function=show", "osgi.command.function=suspend", "osgi.command.function=resume",
    "osgi.command.function=stop"})
public final class RouteCommands {

    private final RouteOperations operations;

    @Activate
    public RouteCommands(@Reference RouteOperations operations) {
        this.operations = operations;
    }

    public String list() {
        List<RouteInfo> routes = operations.routes();
        if (routes.isEmpty()) {
            return "no routes (drop a *.route.yaml file into deploy/)";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %-10s %-36s %s%n", "ROUTE", "STATE",
                "FROM", "FILE"));
        for (RouteInfo r : routes) {
            out.append(String.format(Locale.ROOT, "%-24s %-10s %-36s %s%s%n", r.id(), r.state(), r.from(), r.file(),
                    r.waitingFor().isEmpty() ? "" : " (waiting for " + String.join(", ", r.waitingFor()) + ")"));
        }
        return out.toString();
    }

    public String show(String id) {
        RouteInfo r = operations.routes().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route " + id));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s %s since %s, from %s (%s)%n%-16s %-10s "
                + "%9s %9s %7s %8s  %s%n", r.id(), r.state(), r.since(), r.from(), r.file(), "STEP", "KIND", "IN",
                "OUT", "FAILED", "MEAN ms", "WHAT"));
        for (StepInfo s : r.steps()) {
            out.append(String.format(Locale.ROOT, "%-16s %-10s %9d %9d %7d %8.3f  %s%n", s.path(), s.kind(), s.in(),
                    s.out(), s.failed(), s.meanMillis(), s.description()));
        }
        return out.toString();
    }

    public String suspend(String id) {
        operations.suspend(id);
        return "route " + id + " suspended";
    }

    public String stop(String id) {
        operations.stop(id);
        return "route " + id + " stopped";
    }

    public String resume(String id) {
        operations.resume(id);
        return "route " + id + " resumed";
    }
}

package io.switchboard.dispatch.runtime.internal;

import io.switchboard.dispatch.DispatchTable;
import io.switchboard.dispatch.HandlerInfo;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell: {@code dispatch:handlers}, {@code dispatch:parked}, {@code dispatch:resolve <type> [operation]}. */
@Component(service = DispatchCommands.class, property = {"osgi.command.scope=dispatch",
    "osgi.command.function=handlers", "osgi.command.function=parked", "osgi.command.function=resolve"})
public final class DispatchCommands {

    private final DispatchTable table;

    @Activate
    public DispatchCommands(@Reference DispatchTable table) {
        this.table = table;
    }

    public String handlers() {
        StringBuilder out = new StringBuilder(String.format("%-28s %-16s %-8s %-9s %-9s %s%n", "TYPE", "OPERATIONS",
                "RANKING", "HANDLED", "ERRORS", "HANDLER"));
        for (HandlerInfo h : table.handlers()) {
            out.append(String.format("%-28s %-16s %-8d %-9d %-9d %s/%s (service %d)%n", String.join(",", h.types()),
                    h.operations().isEmpty() ? "*" : String.join(",", h.operations()), h.ranking(), h.handled(),
                    h.errors(), h.bundle(), h.name(), h.serviceId()));
        }
        return out.toString();
    }

    public String parked() {
        Map<String, Long> parked = table.parked();
        if (parked.isEmpty()) {
            return "nothing parked";
        }
        StringBuilder out = new StringBuilder(String.format("%-28s %s%n", "TYPE", "PARKED"));
        parked.forEach((type, n) -> out.append(String.format("%-28s %d%n", type, n)));
        return out.toString();
    }

    public String resolve(String type) {
        return resolve(type, null);
    }

    public String resolve(String type, String operation) {
        return table.resolve(type, operation).map(h -> type + " -> " + h.bundle() + "/" + h.name())
                .orElse(type + " -> nothing: it would be parked");
    }
}

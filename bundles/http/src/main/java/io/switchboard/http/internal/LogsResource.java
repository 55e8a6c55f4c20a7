package io.switchboard.http.internal;

import io.switchboard.kernel.api.ApiResource;
import io.switchboard.rest.ApiException;
import io.switchboard.rest.Call;
import io.switchboard.rest.RestResource;
import jakarta.servlet.Servlet;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/v1/logs?level=WARN&limit=200&contains=text&after=seq}: the bundles' most recent log events, oldest
 * first, from {@link LogRing}.
 */
@Component(service = Servlet.class)
@ApiResource(servlet_pattern = "/v1/logs")
public final class LogsResource extends RestResource {

    private static final long serialVersionUID = 1L;
    static final int DEFAULT_LIMIT = 200;

    private final transient LogRing ring;

    @Activate
    public LogsResource(@Reference LogRing ring) {
        this.ring = ring;
        get("/v1/logs", this::recent);
    }

    private Object recent(Call call) {
        String asked = call.query("level");
        String level = asked == null ? "TRACE" : asked.trim().toUpperCase(Locale.ROOT);
        if (level.equals("WARNING")) {
            level = "WARN";
        }
        if (!LogRing.LEVELS.contains(level)) {
            throw new ApiException(400, "invalid", "level: '" + asked + "' is not one of " + LogRing.LEVELS);
        }
        long limit = number(call, "limit", DEFAULT_LIMIT);
        long after = number(call, "after", 0);
        if (limit < 1 || limit > LogRing.CAPACITY || after < 0) {
            throw new ApiException(400, "invalid", limit < 1 || limit > LogRing.CAPACITY
                    ? "limit: a whole number from 1 to " + LogRing.CAPACITY
                    : "after: a sequence number (0 or more) from an earlier answer");
        }
        var entries = ring.recent(level, (int) limit, call.query("contains"), after);
        return Map.of("entries", entries.stream().map(LogRing::json).toList(), "capacity", LogRing.CAPACITY);
    }

    /** The parameter as a number; -1 when it is not one (refused by the range check). */
    private static long number(Call call, String name, long fallback) {
        String v = call.query(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package io.switchboard.routing;

import java.time.Instant;
import java.util.List;

/**
 * One deployed route and how it is doing.
 *
 * @param id the route's id, unique in the platform
 * @param file where it was defined, relative to the Switchboard home (e.g. {@code deploy/orders.route.yaml})
 * @param state see {@link State}
 * @param from the source URI
 * @param pushedDown the broker-side selector the route's leading filter became, or null (see BENCHMARKS.md)
 * @param steps the route's steps in the order they appear in the file, nested steps after their parent
 * @param since when it entered its state
 * @param waitingFor the target schemes it waits for (state WAITING), else empty
 */
public record RouteInfo(String id, String file, State state, String from, String pushedDown, List<StepInfo> steps,
        Instant since, List<String> waitingFor) {

    public RouteInfo {
        steps = List.copyOf(steps);
        waitingFor = List.copyOf(waitingFor);
    }

    /** Where a route stands. */
    public enum State {
        /** Consuming from its source. */
        STARTED,
        /** Deployed, not consuming: messages wait at the source. */
        SUSPENDED,
        /** Deployed, waiting for a target scheme no bridge offers yet ({@link RouteTarget}): messages wait. */
        WAITING,
        /** Stopped by an operator or by its file's removal; gone once drained. */
        STOPPED
    }
}

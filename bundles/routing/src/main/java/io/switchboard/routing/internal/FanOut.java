package io.switchboard.routing.internal;

/**
 * The bound on how many messages one message may cause through routes, however they feed each other. The hop limit
 * caps a chain's depth, not its width: two routes that each send a message on twice turned one message into 131,000.
 * So each message carries what it may still cause ({@value #HEADER}); a route that sends {@code k} messages for it
 * needs {@code k} of that, and each of them carries an equal share of the rest. Every message's descendants thus stay
 * within what it was given, and a message without the header (from outside the routes) is given the limit. A route
 * that would send more than is left dead-letters the message instead, with the reason.
 */
final class FanOut {

    /** Int property: how many more messages this message may cause through routes. */
    static final String HEADER = "SB_FANOUT_LEFT";
    static final int DEFAULT_LIMIT = 10_000;

    private volatile int limit = DEFAULT_LIMIT;

    int limit() {
        return limit;
    }

    void limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("fanOutLimit = " + limit + " must be at least 1");
        }
        this.limit = limit;
    }

    /** What {@code x} may still cause: its header's value, never more than the limit (a sender cannot raise it). */
    int left(Exchange x) {
        return left(x.headers.get(HEADER));
    }

    /** What a message whose {@value #HEADER} is {@code v} (null: none) may still cause. */
    int left(Object v) {
        if (v == null) {
            return limit;
        }
        try {
            return Math.max(0, Math.min(limit, Integer.parseInt(v.toString().trim())));
        } catch (NumberFormatException e) {
            return limit;
        }
    }

    /**
     * What each of {@code sends} messages may cause, when a message that may cause {@code left} sends them.
     *
     * @throws Pipeline.LoopLimitException when {@code sends} is more than {@code left}
     */
    int share(int left, int sends) {
        if (sends == 0) {
            return left;
        }
        if (sends > left) {
            throw new Pipeline.LoopLimitException("the message would cause " + sends + " messages but may cause only "
                    + left + " more (one message may cause at most " + limit + " through routes: a loop of routes "
                    + "multiplying it? the fan-out limit is fanOutLimit in io.switchboard.routing.cfg)");
        }
        return (left - sends) / sends;
    }
}

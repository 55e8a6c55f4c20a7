package io.switchboard.routing.internal;

/** One step of a route. */
interface Step {

    /**
     * Processes {@code x}; sends go through {@code out}, in the source's transaction.
     *
     * @return whether the step passed the message on (a filter: whether it matched), for its counters
     */
    boolean run(Exchange x, Sender out) throws Exception;
}

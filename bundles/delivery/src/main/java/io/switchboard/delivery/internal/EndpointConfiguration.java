package io.switchboard.delivery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard delivery endpoint",
        description = "The retry policy, attempt timeout, concurrency and circuit breaker of one endpoint: "
                + "deploy/io.switchboard.delivery.endpoint~<endpoint>.cfg. Endpoints without one use the defaults.")
@interface EndpointConfiguration {

    @AttributeDefinition(required = false, description = "The endpoint; empty means the name after '~' in the file name.")
    String endpoint() default "";

    @AttributeDefinition(description = "Attempts before a message is dead; 0 means forever.", min = "0")
    int maxAttempts() default 10;

    @AttributeDefinition(description = "Delay after the first failed attempt (500ms, 1s, 5m ...).")
    String initialDelay() default "1s";

    @AttributeDefinition(description = "Each further delay is the previous one times this (at least 1).")
    String multiplier() default "2";

    @AttributeDefinition(description = "The longest delay between attempts.")
    String maxDelay() default "10m";

    @AttributeDefinition(description = "Each delay is spread by up to plus or minus this share (0 to 1).")
    String jitter() default "0.2";

    @AttributeDefinition(description = "An attempt running longer fails (transient).")
    String attemptTimeout() default "30s";

    @AttributeDefinition(required = false, description = "Regular expressions: a failure whose reason matches one "
            + "is permanent (no retry), e.g. 'HTTP 4\\d\\d'. Separate several with commas.")
    String[] permanentFailures() default {};

    @AttributeDefinition(description = "Attempts at once for this endpoint.", min = "1", max = "256")
    int concurrency() default 4;

    @AttributeDefinition(description = "Consecutive transient failures that open the circuit breaker.", min = "1")
    int breakerThreshold() default 5;

    @AttributeDefinition(description = "How long the breaker stays open before one probe attempt.")
    String breakerOpenFor() default "10s";
}

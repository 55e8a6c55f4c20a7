package io.switchboard.delivery.internal.sinks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard test endpoint",
        description = "An endpoint for trying delivery out: logs what it receives and fails when told to. "
                + "deploy/io.switchboard.delivery.test~<endpoint>.cfg")
@interface TestSinkConfiguration {

    @AttributeDefinition(required = false, description = "The endpoint; empty means the name after '~' in the file name.")
    String endpoint() default "";

    @AttributeDefinition(description = "true: every attempt fails (transient), as if the endpoint were down.")
    boolean down() default false;

    @AttributeDefinition(description = "Share of attempts that fail transiently at random, 0 to 1.")
    String failureRate() default "0";

    @AttributeDefinition(description = "How long each attempt takes.")
    String latency() default "0ms";

    @AttributeDefinition(description = "Log each message received (INFO).")
    boolean log() default true;
}

package io.switchboard.routing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard routing",
        description = "The routes of deploy/*.route.yaml. Configure with deploy/io.switchboard.routing.cfg.")
@interface RoutingConfiguration {

    @AttributeDefinition(description = "How many messages one message may cause through routes in all, however "
            + "many routes it passes and however they feed each other (each copy, split part and multicast counts). A "
            + "route that would go past it dead-letters the message with the reason. Bounds a loop of routes that "
            + "multiplies messages; the depth of any chain is bounded by the hop limit, 32.", min = "1")
    int fanOutLimit() default FanOut.DEFAULT_LIMIT;
}

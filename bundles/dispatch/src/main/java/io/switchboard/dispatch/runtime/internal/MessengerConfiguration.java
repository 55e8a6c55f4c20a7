package io.switchboard.dispatch.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard messenger",
        description = "How bundles in this container send messages (the Messenger service). "
                + "Configure with deploy/io.switchboard.messenger.cfg.")
@interface MessengerConfiguration {

    @AttributeDefinition(description = "How long PROCESSED and REQUEST_REPLY sends wait by default (e.g. 30s).")
    String defaultTimeout() default "30s";

    @AttributeDefinition(description = "This container's name on the broker: replies come back on the durable "
            + "queue switchboard.replies.<node>, so a reply sent while the container restarts is still received. "
            + "Give each container sharing a broker its own name.")
    String node() default "local";
}

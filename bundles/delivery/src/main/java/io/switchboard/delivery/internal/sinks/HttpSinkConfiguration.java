package io.switchboard.delivery.internal.sinks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard HTTP endpoint",
        description = "Delivers an endpoint's messages by HTTP POST: deploy/io.switchboard.delivery.http~<endpoint>.cfg")
@interface HttpSinkConfiguration {

    @AttributeDefinition(required = false, description = "The endpoint; empty means the name after '~' in the file name.")
    String endpoint() default "";

    @AttributeDefinition(description = "Where to POST each message (http:// or https://).")
    String url();

    @AttributeDefinition(description = "Connect and response timeout of one request.")
    String timeout() default "10s";

    @AttributeDefinition(required = false, description = "Extra request headers, 'Name: value', separated by commas.")
    String[] headers() default {};
}

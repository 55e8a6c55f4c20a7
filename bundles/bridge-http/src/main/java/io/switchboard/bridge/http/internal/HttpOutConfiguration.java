package io.switchboard.bridge.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Switchboard HTTP out",
        description = "Sends messages by HTTP: a delivery endpoint (deliver:<instance>) and a route target "
                + "(http-out:<instance>): deploy/io.switchboard.bridge.http.out~<instance>.cfg")
@interface HttpOutConfiguration {

    @AttributeDefinition(description = "The URL; {name} is replaced by the message's header of that name (or "
            + "{SB_TYPE}, {SB_MESSAGE_ID}...), URL-encoded. http:// or https://.")
    String url();

    @AttributeDefinition(description = "The HTTP method.", options = {@Option(value = "POST"), @Option(value = "PUT"),
        @Option(value = "PATCH"), @Option(value = "DELETE")})
    String method() default "POST";

    @AttributeDefinition(required = false, description = "Extra request headers, 'Name: value'; they win over the "
            + "message's.")
    String[] headers() default {};

    @AttributeDefinition(description = "How the platform logs in at the far end.", options = {@Option(value = "none"),
        @Option(value = "basic"), @Option(value = "bearer")})
    String auth() default "none";

    @AttributeDefinition(required = false, description = "The user, with auth = basic.")
    String user() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "The password, with auth = basic.")
    String password() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "The token, with auth = bearer.")
    String token() default "";

    @AttributeDefinition(description = "Connect and response timeout of one request.")
    String timeout() default "10s";

    @AttributeDefinition(required = false, description = "A truststore (PKCS12 or JKS) with the far end's CA, for "
            + "https URLs whose certificate the JDK does not trust.")
    String truststore() default "";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "The truststore's password.")
    String truststorePassword() default "";

    @AttributeDefinition(description = "Sign each request as a webhook sender does.", options = {
        @Option(value = "none"), @Option(value = "hmac-sha256"), @Option(value = "standard-webhooks")})
    String sign() default "none";

    @AttributeDefinition(required = false, type = AttributeType.PASSWORD, description = "The signing secret (for "
            + "standard-webhooks: whsec_<base64>).")
    String secret() default "";

    @AttributeDefinition(description = "Whether the platform is not ready while this endpoint is not CONNECTED.")
    boolean required() default false;
}

package io.switchboard.bridge.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Switchboard webhook (HTTP in)",
        description = "Takes HTTP POST/PUT requests at /hooks/<path> into the platform, answering after the route "
                + "committed: deploy/io.switchboard.bridge.http.in~<instance>.cfg")
@interface HookConfiguration {

    @AttributeDefinition(description = "Served at /hooks/<path>: letters, digits, '.', '_', '-' and '/' between segments.")
    String path();

    @AttributeDefinition(required = false, description = "Where the messages go, a target URI as in route files: "
            + "jms:queue:NAME, jms:topic:NAME, deliver:ENDPOINT, dispatch:TYPE[#OPERATION] or a bridge's scheme. "
            + "Empty (and no type): only route files with 'from: hook:<instance>' take them.")
    String to() default "";

    @AttributeDefinition(required = false, description = "A dispatch type: the same as to = dispatch:<type>[#<operation>].")
    String type() default "";

    @AttributeDefinition(required = false, description = "The dispatch operation, with type.")
    String operation() default "";

    @AttributeDefinition(description = "Who may call: platform (a user with a sending role, by HTTP Basic or API "
            + "token), hmac-sha256 (GitHub's X-Hub-Signature-256), standard-webhooks, or none.", options = {
        @Option(value = "platform"), @Option(value = "hmac-sha256"), @Option(value = "standard-webhooks"),
        @Option(value = "none")})
    String auth() default "platform";

    @AttributeDefinition(required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "The signing secret (hmac-sha256: the text GitHub was given; standard-webhooks: whsec_<base64>).")
    String secret() default "";

    @AttributeDefinition(description = "Standard Webhooks: how far webhook-timestamp may be from now.")
    String tolerance() default "5m";

    @AttributeDefinition(description = "The largest body taken, in bytes; a larger one is answered 413.")
    long maxBytes() default 1_048_576;

    @AttributeDefinition(required = false, description = "The header carrying the sender's delivery id (deduplicated "
            + "through the idempotent receiver, and the message id). Empty: X-GitHub-Delivery, webhook-id or "
            + "Idempotency-Key, whichever comes.")
    String deliveryIdHeader() default "";

    @AttributeDefinition(description = "How long a delivery id is remembered for deduplication.")
    String dedupFor() default "24h";

    @AttributeDefinition(required = false, description = "Media types taken (e.g. application/json); others are "
            + "answered 415. Empty: any.")
    String[] contentTypes() default {};

    @AttributeDefinition(description = "With a dispatch type: wait this long for the handler's reply and answer 200 "
            + "with it (202 after the wait). 0: answer 202 once the message is committed.")
    String replyTimeout() default "0";

    @AttributeDefinition(description = "Roles that may call with auth = platform (any of them).")
    String[] roles() default {"producer", "operator", "admin"};

    @AttributeDefinition(description = "Whether the platform is not ready while this webhook is not CONNECTED.")
    boolean required() default false;
}

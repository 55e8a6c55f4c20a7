package io.switchboard.dispatch.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard dispatcher",
        description = "Consumes switchboard.dispatch and runs the handler for each message's type. "
                + "Configure with deploy/io.switchboard.dispatch.cfg.")
@interface DispatcherConfiguration {

    @AttributeDefinition(description = "Consumers on switchboard.dispatch: how many messages are handled at once "
            + "in total. Each consumer handles its messages one after another, so a JMSXGroupID group stays in order.", min = "1", max = "256")
    int consumers() default 4;

    @AttributeDefinition(description = "Messages acknowledged together in one broker transaction at most. A batch "
            + "is committed as soon as no further message is waiting, so a quiet queue commits every message.", min = "1", max = "10000")
    int batchSize() default 100;

    @AttributeDefinition(description = "Attempts before a failing message goes to the dead-letter queue (reason handler-failed).", min = "1")
    int maxAttempts() default 5;

    @AttributeDefinition(description = "Delay before the second attempt (e.g. 500ms, 1s); multiplied by redeliveryMultiplier for each further one.")
    String redeliveryDelay() default "1s";

    @AttributeDefinition(description = "Backoff factor between attempts.")
    double redeliveryMultiplier() default 2.0;

    @AttributeDefinition(description = "Longest delay between attempts.")
    String maxRedeliveryDelay() default "5m";

    @AttributeDefinition(description = "How long a handler may take per message unless it sets its own timeout; "
            + "then the message fails with reason timeout (no retry) and the consumer moves on.")
    String handlerTimeout() default "30s";

    @AttributeDefinition(description = "How long a message no handler understands stays parked before it goes to "
            + "the dead-letter queue with reason no-handler.")
    String parkTimeout() default "24h";

    @AttributeDefinition(description = "How often parked messages are checked against parkTimeout (and against "
            + "handlers, as a safety net).")
    String parkSweepInterval() default "1m";

    @AttributeDefinition(description = "The dead-letter queue.")
    String deadLetterQueue() default "DLQ";

    @AttributeDefinition(description = "How long the message ids an idempotent handler "
            + "(switchboard.handler.idempotent) has seen are remembered; a message sent again after that is handled again.")
    String idempotentKeepFor() default "7d";
}

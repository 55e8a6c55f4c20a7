package io.switchboard.delivery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard delivery store",
        description = "Where stored messages live. Configure with deploy/io.switchboard.delivery.cfg.")
@interface DeliveryConfiguration {

    @AttributeDefinition(description = "JDBC URL: jdbc:h2:file:... or jdbc:postgresql://host:5432/db. Empty means "
            + "the embedded H2 file database under data/delivery, each commit on disk before it returns.")
    String jdbcUrl() default "";

    @AttributeDefinition(description = "Database user (PostgreSQL).")
    String user() default "";

    @AttributeDefinition(description = "Database password (never logged).", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Connections in the pool at most.", min = "1", max = "200")
    int poolSize() default 8;

    @AttributeDefinition(description = "JMS consumers taking messages from switchboard.deliver.* into the store.",
            min = "1", max = "32")
    int acceptConsumers() default 4;

    @AttributeDefinition(description = "This node's name in claims: give each node sharing a database its own.")
    String node() default "local";

    @AttributeDefinition(description = "A claim not completed within this is taken back (its node died); longer "
            + "than any endpoint's attemptTimeout.")
    String claimLease() default "5m";

    @AttributeDefinition(description = "Delivered messages are removed this long after delivery.")
    String retention() default "7d";
}

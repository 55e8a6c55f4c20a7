package io.switchboard.routing.internal;

import jakarta.jms.JMSException;

/** Where a {@code to} sends: a JMS queue or topic of the platform's broker. */
record Target(String uri, boolean topic, String name) {

    /** Parses {@code jms:queue:NAME} or {@code jms:topic:NAME}; the message names what else is possible. */
    static Target parse(String uri) {
        String[] p = uri.split(":", 3);
        if (p.length == 3 && p[0].equals("jms") && (p[1].equals("queue") || p[1].equals("topic")) && !p[2].isBlank()
                && !p[2].contains("?")) {
            return new Target(uri, p[1].equals("topic"), p[2]);
        }
        throw new IllegalArgumentException("unknown target '" + uri + "' (jms:queue:NAME or jms:topic:NAME)");
    }

    void send(Exchange x, Sender out) throws JMSException {
        out.send(this, x);
    }
}

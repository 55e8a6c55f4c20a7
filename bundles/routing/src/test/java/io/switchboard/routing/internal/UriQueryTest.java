package io.switchboard.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UriQueryTest {

    @Test
    void optionsAreKeptInTheirOrderAsWrittenWithTheirValues() {
        UriQuery q = UriQuery.parse("jms:topic:prices?durableSubscriptionName=a=b&concurrentConsumers=2");
        assertEquals("jms:topic:prices", q.path());
        assertEquals(List.of(new UriQuery.Option("durableSubscriptionName=a=b", "durableSubscriptionName", "a=b"),
                new UriQuery.Option("concurrentConsumers=2", "concurrentConsumers", "2")), q.options());
    }

    @Test
    void anOptionWithoutEqualsHasNoValueAndAnEmptyQueryIsOneEmptyOption() {
        assertEquals(List.of(new UriQuery.Option("period", "period", null)),
                UriQuery.parse("timer:t?period").options());
        assertEquals(List.of(new UriQuery.Option("", "", null)), UriQuery.parse("timer:t?").options());
    }

    @Test
    void aUriWithoutQueryHasNoOptions() {
        UriQuery q = UriQuery.parse("jms:queue:orders.in");
        assertEquals("jms:queue:orders.in", q.path());
        assertEquals(List.of(), q.options());
    }
}

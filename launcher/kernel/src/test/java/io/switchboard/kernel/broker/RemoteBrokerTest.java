package io.switchboard.kernel.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteBrokerTest {

    @Test
    void oneUrlReconnectsForever() {
        assertEquals("tcp://a:61616?reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000",
                RemoteBroker.clientUrl(List.of("tcp://a:61616")));
    }

    @Test
    void severalUrlsMakeAnHaList() {
        String url = RemoteBroker.clientUrl(List.of("tcp://a:1", "tcp://b:2"));
        assertEquals("(tcp://a:1,tcp://b:2)?ha=true&reconnectAttempts=-1", url.substring(0, url.indexOf("&retryInterval")));
    }
}

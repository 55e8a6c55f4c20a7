package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class ComponentVerdictTest {

    private static final Dictionary<String, Object> APPLIED = new Hashtable<>(Map.of("url", "ftp://127.0.0.1/x"));

    @Test
    void anEditIsNotTakenWhileTheOldInstanceStillShowsActiveWithTheNewValues() throws Exception {
        // Felix SCR sets the new properties before it deactivates the old instance: the refusal comes a moment later
        ComponentVerdict verdict = new ComponentVerdict(runtime(ms -> ms < 300
                ? ComponentConfigurationDTO.ACTIVE : ComponentConfigurationDTO.FAILED_ACTIVATION), Duration.ofSeconds(5));
        String refusal = verdict.refusal("io.example.endpoint~a", "io.example.endpoint", APPLIED, true);
        assertTrue(refusal != null && refusal.endsWith("url must be an http:// URL"), refusal);
    }

    @Test
    void anEditSeenLeavingAndComingBackIsTakenAtOnceAndOneThatStaysIsTakenAfterTheQuietTime() throws Exception {
        ComponentVerdict reactivated = new ComponentVerdict(runtime(ms -> ms < 100
                ? ComponentConfigurationDTO.SATISFIED : ComponentConfigurationDTO.ACTIVE), Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertNull(reactivated.refusal("io.example.endpoint~a", "io.example.endpoint", APPLIED, true));
        assertTrue(System.nanoTime() - start < ComponentVerdict.QUIET.toNanos(), "taken once seen coming back");

        ComponentVerdict unchanged = new ComponentVerdict(runtime(ms -> ComponentConfigurationDTO.ACTIVE),
                Duration.ofSeconds(5));
        start = System.nanoTime();
        assertNull(unchanged.refusal("io.example.endpoint~a", "io.example.endpoint", APPLIED, true));
        assertTrue(System.nanoTime() - start >= ComponentVerdict.QUIET.toNanos(), "an edit waits the quiet time");
        start = System.nanoTime();
        assertNull(unchanged.refusal("io.example.endpoint~a", "io.example.endpoint", APPLIED, false));
        assertTrue(System.nanoTime() - start < ComponentVerdict.QUIET.toNanos(), "a new configuration does not");
    }

    /** One immediate component taking io.example.endpoint, whose state is a function of the ms since creation. */
    private static ServiceComponentRuntime runtime(LongFunction<Integer> stateAt) {
        long created = System.nanoTime();
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = "io.example.Endpoint";
        d.configurationPid = new String[] {"io.example.endpoint"};
        d.immediate = true;
        return (ServiceComponentRuntime) Proxy.newProxyInstance(ServiceComponentRuntime.class.getClassLoader(),
                new Class<?>[] {ServiceComponentRuntime.class}, (p, method, args) -> {
                    if (method.getName().equals("getComponentDescriptionDTOs")) {
                        return List.of(d);
                    }
                    ComponentConfigurationDTO c = new ComponentConfigurationDTO();
                    c.properties = new HashMap<>(Map.of("service.pid", "io.example.endpoint~a",
                            "url", "ftp://127.0.0.1/x"));
                    c.state = stateAt.apply((System.nanoTime() - created) / 1_000_000);
                    c.failure = "java.lang.IllegalArgumentException: url must be an http:// URL";
                    return List.of(c);
                });
    }

    @Test
    void theReasonIsTheDeepestExceptionMessageOfTheRecordedFailure() {
        String failure = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                Caused by: java.lang.IllegalArgumentException: io.switchboard.delivery.http~x: url = 'file:/etc/passwd' must be an http:// or https:// URL
                \tat io.switchboard.delivery.internal.sinks.HttpSink.parse(HttpSink.java:134)
                """;
        assertEquals("io.switchboard.delivery.http~x: url = 'file:/etc/passwd' must be an http:// or https:// URL",
                ComponentVerdict.reason(failure));
        assertEquals("its activation failed", ComponentVerdict.reason(null));
    }
}

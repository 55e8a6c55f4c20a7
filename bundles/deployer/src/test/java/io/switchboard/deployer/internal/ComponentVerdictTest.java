package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ComponentVerdictTest {

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

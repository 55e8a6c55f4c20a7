package io.switchboard.bridge.exec.internal;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Exec configurations as DS would build them: the given values, the metatype defaults for the rest. */
final class TestConfigurations {

    private TestConfigurations() {
    }

    static ExecConfiguration configuration(Map<String, Object> values) {
        return (ExecConfiguration) Proxy.newProxyInstance(ExecConfiguration.class.getClassLoader(),
                new Class<?>[] {ExecConfiguration.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    if (method.getName().equals("type") || method.getName().equals("command")) {
                        return null;
                    }
                    throw new AssertionError("the test gives no value for " + method.getName() + ", which has no default");
                });
    }

    /** Settings for the command in directory, with further values as key, value pairs. */
    static ExecSettings settings(Path directory, String command, Object... more) {
        Map<String, Object> values = new HashMap<>();
        values.put("type", "test.exec");
        values.put("command", command);
        for (int i = 0; i < more.length; i += 2) {
            values.put((String) more[i], more[i + 1]);
        }
        return ExecSettings.parse("test", configuration(values), directory);
    }
}

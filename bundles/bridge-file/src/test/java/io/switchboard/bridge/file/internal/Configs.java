package io.switchboard.bridge.file.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration annotation as DS would make it: the given values, the defaults for the rest. */
final class Configs {

    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, ?> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object v = values.get(method.getName());
            if (v == null) {
                v = method.getDefaultValue();
            }
            if (v instanceof String s && method.getReturnType() != String.class) {
                Class<?> r = method.getReturnType();
                return r == int.class ? Integer.parseInt(s) : r == long.class ? Long.parseLong(s)
                        : r == boolean.class ? Boolean.parseBoolean(s) : v;
            }
            return v;
        }));
    }

    /** File-in settings for {@code folder}, taking files at once (stableFor = 0) unless the values say otherwise. */
    static FileInSettings fileIn(java.nio.file.Path folder, Map<String, ?> values) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("folder", folder.toString(), "stableFor", "0",
                "to", "jms:queue:test"));
        all.putAll(values);
        return FileInSettings.of("test", of(FileInConfiguration.class, all), folder.getParent());
    }
}

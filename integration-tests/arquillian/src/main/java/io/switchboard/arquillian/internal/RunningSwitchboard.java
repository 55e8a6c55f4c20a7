package io.switchboard.arquillian.internal;

import io.switchboard.arquillian.SwitchboardCredentials;
import io.switchboard.testing.Platform;
import org.osgi.framework.BundleContext;

/**
 * The platform the container started, as the resource providers see it. One container runs per test JVM
 * (Arquillian's own rule for a class path), so a single current instance is enough.
 */
record RunningSwitchboard(Platform platform, SwitchboardCredentials credentials, BundleContext bundleContext) {

    private static volatile RunningSwitchboard current;

    static void set(RunningSwitchboard running) {
        current = running;
    }

    static RunningSwitchboard current() {
        RunningSwitchboard r = current;
        if (r == null) {
            throw new IllegalStateException("no Switchboard container is running");
        }
        return r;
    }

    String httpBase() {
        return "http://127.0.0.1:" + platform.httpPort();
    }
}

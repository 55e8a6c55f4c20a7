package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.kernel.api.DeployHandler;
import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.TimeLimit;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandledFilesTest {

    private final DeploymentLog log = new DeploymentLog();
    private final HandledFiles handled = new HandledFiles(log, new TimeLimit(Duration.ofSeconds(5), "t"));

    private HandledFiles.Registered handler(boolean undeployFails) {
        return HandledFiles.registered(new DeployHandler() {
            @Override
            public String deploy(Path file) {
                return "routes a";
            }

            @Override
            public void undeploy(Path file) {
                if (undeployFails) {
                    throw new IllegalStateException("route a does not stop");
                }
            }
        }, Map.of(DeployHandler.SUFFIX, ".route.yaml", DeployHandler.KIND, "route"));
    }

    @Test
    void aFailedUndeployIsFailedWithItsReasonAndWhatStillRuns() {
        HandledFiles.Registered r = handler(true);
        handled.deploy(r, new File("deploy/a.route.yaml"), "deploy/a.route.yaml");
        handled.undeploy(r, new File("deploy/a.route.yaml"), "deploy/a.route.yaml");
        Deployment d = log.get("deploy/a.route.yaml");
        assertEquals(Deployment.Status.FAILED, d.status());
        assertEquals("undeploy failed: route a does not stop", d.error());
        assertEquals("routes a", d.target());
    }

    @Test
    void aSuccessfulUndeployRemovesTheStatus() {
        HandledFiles.Registered r = handler(false);
        handled.deploy(r, new File("deploy/a.route.yaml"), "deploy/a.route.yaml");
        handled.undeploy(r, new File("deploy/a.route.yaml"), "deploy/a.route.yaml");
        assertNull(log.get("deploy/a.route.yaml"));
    }
}

package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.Deployment;
import io.switchboard.kernel.api.Deployment.Status;
import io.switchboard.kernel.api.Deployments;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The status of every watched file, and the one log line an operator searches for when it changes. */
final class DeploymentLog implements Deployments {

    private static final Logger LOG = LoggerFactory.getLogger("io.switchboard.deployer");

    private final Map<String, Deployment> byFile = new ConcurrentHashMap<>();

    /** Records success; logs only a change, since a restart re-checks every file. */
    void deployed(String file, String kind, String target) {
        Deployment before = byFile.get(file);
        if (before != null && before.status() == Status.DEPLOYED && target.equals(before.target())) {
            return;
        }
        byFile.put(file, new Deployment(file, kind, Status.DEPLOYED, null, target, Instant.now()));
        LOG.info("Deployed {}: {} {}", file, kind, target);
    }

    /** Records a failure; {@code target} is what still runs from this file (the previous version), if anything. */
    void failed(String file, String kind, String error, String target) {
        Deployment before = byFile.get(file);
        if (before != null && before.status() == Status.FAILED && error.equals(before.error())) {
            return;
        }
        byFile.put(file, new Deployment(file, kind, Status.FAILED, error, target, Instant.now()));
        LOG.error("Deploy failed: {}: {}", file, error);
    }

    void removed(String file, String what) {
        if (byFile.remove(file) != null && what != null) {
            LOG.info("Undeployed {}: {}", file, what);
        }
    }

    Deployment get(String file) {
        return byFile.get(file);
    }

    @Override
    public List<Deployment> list() {
        return byFile.values().stream().sorted(Comparator.comparing(Deployment::file)).toList();
    }
}

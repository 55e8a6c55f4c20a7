package io.switchboard.kernel.api;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A whiteboard service that takes one kind of file dropped into {@code deploy/}: the deployer hands it every file
 * whose name ends with its {@value #SUFFIX} property (e.g. {@code .route.yaml}), records the outcome in
 * {@link Deployments} and logs it. A file that arrives before its handler waits (without a status while the
 * platform boots, FAILED with the reason once it is ready) and is deployed when a handler for it registers. Each
 * call runs on a thread of its own under the deployer's time limit ({@code switchboard.deploy.timeout}): a handler
 * that takes longer is abandoned, its file FAILED, and the rest of {@code deploy/} goes on.
 * <p>
 * Threads: the calls for one file come one after the other, in order; calls for different files may run at the same
 * time (the deployer works on a few files side by side), so a handler guards what its files share. A call that was
 * abandoned may still be running when the next call for the same or another file comes.
 */
@ConsumerType
public interface DeployHandler {

    /** Service property: the file name ending this handler takes ({@code String} or {@code String[]}). */
    String SUFFIX = "switchboard.deploy.suffix";

    /** Service property: the kind the deployment status shows for these files, e.g. {@code route}. */
    String KIND = "switchboard.deploy.kind";

    /**
     * Service property: the largest file this handler takes, in bytes ({@code Long} or {@code Integer}). A larger file
     * is refused before it is read. Without it, the deployer's {@code switchboard.deploy.max.file} applies (1 MB by
     * default).
     */
    String MAX_SIZE = "switchboard.deploy.max.size";

    /**
     * Deploys {@code file}, or replaces what an earlier version of it deployed. A file that is refused must leave
     * the earlier version running.
     *
     * @return what the file became, for the deployment status (e.g. {@code routes orders.in, orders.audit})
     * @throws Exception when the file is refused: the message names the problem, with {@code file:line:column}
     *     where there is one
     */
    String deploy(Path file) throws Exception;

    /** Stops what {@code file} deployed: the file was deleted. */
    void undeploy(Path file);
}

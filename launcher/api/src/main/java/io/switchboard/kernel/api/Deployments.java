package io.switchboard.kernel.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The deployment status of every file in the watched folders; {@code GET /api/v1/deployments} shows it. */
@ProviderType
public interface Deployments {

    /** One entry a file, ordered by file name. */
    List<Deployment> list();
}

package io.switchboard.kernel.api;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and removes features. Bundles come from {@code system/} (Maven repository layout); a bundle
 * shared by several features stays until the last of them is removed.
 */
@ProviderType
public interface Features {

    /** The installed features, boot features first. */
    List<FeatureInfo> list();

    /**
     * Installs (or updates, when its id is already installed from the same file) the feature in a file and
     * starts its bundles. On failure nothing of it stays installed that was not installed before.
     *
     * @throws FeatureException naming the file and what is wrong (syntax, a missing bundle, a failed start)
     */
    FeatureInfo install(Path featureFile) throws FeatureException;

    /** Removes the feature installed from this file; uninstalls the bundles no other feature needs. */
    void uninstall(Path featureFile);
}

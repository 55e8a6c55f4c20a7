package io.switchboard.kernel.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard: told when a feature is installed or removed (the configurator applies its configurations). */
@ConsumerType
public interface FeaturesListener {

    void installed(FeatureInfo feature);

    void uninstalled(FeatureInfo feature);
}

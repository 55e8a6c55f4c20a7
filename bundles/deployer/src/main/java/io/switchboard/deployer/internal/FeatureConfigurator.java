package io.switchboard.deployer.internal;

import io.switchboard.kernel.api.FeatureInfo;
import io.switchboard.kernel.api.FeaturesListener;
import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configurations a feature carries when the kernel installs it, and deletes them with the feature.
 * (The kernel keeps Config Admin types off the host class path, so this side does it.)
 */
@Component
public final class FeatureConfigurator implements FeaturesListener {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureConfigurator.class);
    static final String FEATURE = "switchboard.feature";

    private final ConfigurationAdmin cm;

    @Activate
    public FeatureConfigurator(@Reference ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public void installed(FeatureInfo feature) {
        for (Map.Entry<String, Map<String, Object>> e : feature.configurations().entrySet()) {
            String key = e.getKey();
            Hashtable<String, Object> props = new Hashtable<>(e.getValue());
            props.put(FEATURE, feature.id());
            try {
                int tilde = key.indexOf('~');
                Configuration c = tilde < 0 ? cm.getConfiguration(key, "?")
                        : cm.getFactoryConfiguration(key.substring(0, tilde), key.substring(tilde + 1), "?");
                c.updateIfDifferent(props);
            } catch (IOException | RuntimeException ex) {
                LOG.error("Feature {}: configuration {} not applied: {}", feature.id(), key, ex.getMessage());
            }
        }
    }

    @Override
    public void uninstalled(FeatureInfo feature) {
        try {
            Configuration[] found = cm.listConfigurations("(" + FEATURE + "=" + feature.id() + ")");
            if (found != null) {
                for (Configuration c : found) {
                    c.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("Feature {}: configurations not deleted: {}", feature.id(), e.getMessage());
        }
    }
}

package io.switchboard.arquillian.internal;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/** Registers the container and its resources with Arquillian (found through META-INF/services). */
public final class SwitchboardExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeployableContainer.class, SwitchboardContainer.class)
                .service(ResourceProvider.class, SwitchboardResources.HttpUri.class)
                .service(ResourceProvider.class, SwitchboardResources.Jms.class)
                .service(ResourceProvider.class, SwitchboardResources.Credentials.class)
                .service(ResourceProvider.class, SwitchboardResources.Bundles.class);
    }
}

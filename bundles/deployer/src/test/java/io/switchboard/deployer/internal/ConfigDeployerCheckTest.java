package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class ConfigDeployerCheckTest {

    /** An attribute definition of a type whose own validate() accepts everything (as many do). */
    private static AttributeDefinition ad(int type) {
        return (AttributeDefinition) Proxy.newProxyInstance(AttributeDefinition.class.getClassLoader(),
                new Class<?>[] {AttributeDefinition.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getType" -> type;
                    case "getCardinality" -> 0;
                    case "validate" -> "";
                    case "getID" -> "port";
                    default -> null;
                });
    }

    @Test
    void numbersAndBooleansMustParse() {
        assertEquals("expected a whole number", ConfigDeployer.check(ad(AttributeDefinition.INTEGER), "abc"));
        assertNull(ConfigDeployer.check(ad(AttributeDefinition.INTEGER), " 8080 "));
        assertEquals("expected true or false", ConfigDeployer.check(ad(AttributeDefinition.BOOLEAN), "yes"));
        assertNull(ConfigDeployer.check(ad(AttributeDefinition.BOOLEAN), "TRUE"));
        assertEquals("expected a number", ConfigDeployer.check(ad(AttributeDefinition.DOUBLE), "1,5"));
        assertNull(ConfigDeployer.check(ad(AttributeDefinition.STRING), "anything"));
    }
}

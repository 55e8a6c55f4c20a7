package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.kernel.api.Deployment;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** A configuration the component refuses does not stay applied: the one it ran with before comes back. */
class ConfigDeployerRestoreTest {

    @TempDir
    Path dir;

    /** The configuration as Config Admin holds it; null once deleted. */
    private Dictionary<String, Object> held;
    private boolean deleted;

    private final DeploymentLog log = new DeploymentLog();

    @SuppressWarnings("unchecked")
    private final Configuration configuration = proxy(Configuration.class, (method, args) -> switch (method) {
        case "getProperties" -> held;
        case "getPid" -> "io.example.endpoint~a";
        case "updateIfDifferent", "update" -> {
            held = (Dictionary<String, Object>) args[0];
            yield true;
        }
        case "delete" -> {
            held = null;
            deleted = true;
            yield null;
        }
        default -> null;
    });

    private final ConfigurationAdmin cm = proxy(ConfigurationAdmin.class, (method, args) -> configuration);

    /** The component refuses a url that is not http: */
    private final ServiceComponentRuntime scr = proxy(ServiceComponentRuntime.class, (method, args) -> {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = "io.example.Endpoint";
        d.configurationPid = new String[] {"io.example.endpoint"};
        d.immediate = true;
        if (method.equals("getComponentDescriptionDTOs")) {
            return java.util.List.of(d);
        }
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.properties = new java.util.HashMap<>(Map.of("service.pid", "io.example.endpoint~a"));
        for (String key : java.util.Collections.list(held.keys())) {
            c.properties.put(key, held.get(key));
        }
        boolean http = String.valueOf(held.get("url")).startsWith("http");
        c.state = http ? ComponentConfigurationDTO.ACTIVE : ComponentConfigurationDTO.FAILED_ACTIVATION;
        c.failure = http ? null : "java.lang.IllegalArgumentException: url must be an http:// or https:// URL";
        return java.util.List.of(c);
    });

    private final ConfigDeployer deployer = new ConfigDeployer(null, cm, null, log,
            new ComponentVerdict(scr, Duration.ofSeconds(2)));

    @Test
    void aRefusedEditBringsBackTheConfigurationAppliedBefore() throws Exception {
        Path file = Files.writeString(dir.resolve("io.example.endpoint~a.cfg"), "url = http://127.0.0.1:9/a\n");
        deployer.deploy(file.toFile(), "deploy/io.example.endpoint~a.cfg");
        assertEquals(Deployment.Status.DEPLOYED, log.get("deploy/io.example.endpoint~a.cfg").status());

        Files.writeString(file, "url = ftp://127.0.0.1/a\n");
        deployer.deploy(file.toFile(), "deploy/io.example.endpoint~a.cfg");
        Deployment d = log.get("deploy/io.example.endpoint~a.cfg");
        assertEquals(Deployment.Status.FAILED, d.status());
        assertTrue(d.error().startsWith("the component io.example.Endpoint refused it: url must be an http:// or "
                + "https:// URL") && d.error().endsWith("; the configuration applied before stays"), d.error());
        assertEquals("http://127.0.0.1:9/a", held.get("url"), "what Config Admin holds");
    }

    @Test
    void aRefusedNewConfigurationIsDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("io.example.endpoint~a.cfg"), "url = ftp://127.0.0.1/a\n");
        deployer.deploy(file.toFile(), "deploy/io.example.endpoint~a.cfg");
        assertEquals(Deployment.Status.FAILED, log.get("deploy/io.example.endpoint~a.cfg").status());
        assertTrue(deleted);
        assertNull(held);
    }

    interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> answer.answer(method.getName(), args)));
    }
}

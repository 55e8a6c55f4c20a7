package io.switchboard.bridge.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.delivery.DeliveryResult;
import io.switchboard.dispatch.Message;
import io.switchboard.routing.PermanentFailure;
import io.switchboard.routing.RouteMessage;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** A file-out instance as the delivery sink and as the route target: names, outcomes, the folder under the home. */
class FileOutTest {

    @TempDir
    Path home;

    private FileOut out(Map<String, ?> values) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getProperty")
                        && "switchboard.home".equals(args[0]) ? home.toString() : null);
        return new FileOut(context, Configs.of(FileOutConfiguration.class, values),
                Map.of("service.pid", "io.switchboard.bridge.file.out~archive"), new FileOutTargets());
    }

    @Test
    void aDeliveredMessageBecomesAFileNamedByItsIdUnderTheRelativeFolderCreatedInTheHome() throws Exception {
        FileOut out = out(Map.of("folder", "outbox/archive"));
        assertTrue(Files.isDirectory(home.resolve("outbox/archive")), "created when missing");
        Message m = Message.builder("order.created").id("m-1").json(Map.of("n", 1)).build();
        assertEquals(DeliveryResult.Outcome.DELIVERED, out.deliver(m).outcome());
        assertEquals("{\"n\":1}", Files.readString(home.resolve("outbox/archive/m-1.json")));
        assertEquals(DeliveryResult.Outcome.DELIVERED, out.deliver(m).outcome(), "the same message again");
        Message other = Message.builder("order.created").id("m-1").json(Map.of("n", 2)).build();
        DeliveryResult exists = out.deliver(other);
        assertEquals(DeliveryResult.Outcome.PERMANENT_FAILURE, exists.outcome());
        assertTrue(exists.reason().contains("exists"), exists.reason());
    }

    @Test
    void aRouteMessageNamedOutOfTheRootIsAPermanentFailure() throws Exception {
        FileOut out = out(Map.of("folder", "outbox", "fileName", "${SB_FILE_NAME}", "fileExist", "override"));
        byte[] body = "x".getBytes(StandardCharsets.UTF_8);
        out.send(new RouteMessage(Map.of("SB_FILE_NAME", "in/a.txt"), body, true));
        assertEquals("x", Files.readString(home.resolve("outbox/in/a.txt")));
        assertThrows(PermanentFailure.class,
                () -> out.send(new RouteMessage(Map.of("SB_FILE_NAME", "../../etc/passwd"), body, true)));
        assertThrows(PermanentFailure.class, () -> out.send(new RouteMessage(Map.of(), body, true)),
                "a header the name needs is missing");
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> out(Map.of())).getMessage()
                .contains("folder is required"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> out(Map.of("folder", "o", "fileExist", "merge")))
                .getMessage().contains("fileExist"));
    }
}

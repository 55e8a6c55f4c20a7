package io.switchboard.kernel.framework;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.kernel.Placeholders;
import io.switchboard.kernel.Settings;
import io.switchboard.kernel.api.Features;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * Creates the Felix framework: {@code config/framework.properties} (with the kernel's placeholders), then the
 * properties the kernel owns. Into the framework the system bundle exports only {@code jakarta.jms}, the kernel API
 * packages and Micrometer (the API with its commons and observation packages, and the Prometheus registry that
 * {@code /metrics} scrapes), with the versions their own jars declare.
 */
public final class FrameworkLauncher {

    private FrameworkLauncher() {
    }

    public static Framework create(Settings settings) throws IOException {
        Map<String, String> props = new HashMap<>();
        Map<String, String> values = Map.of(
                "switchboard.home", settings.home().toString(),
                "switchboard.data", settings.data().toString());
        Path file = settings.config().resolve("framework.properties");
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            p.load(new StringReader(Placeholders.fill(Files.readString(file), values, file)));
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        }
        props.put(Constants.FRAMEWORK_STORAGE, settings.data().resolve("cache").toString());
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, String.join(",", exportsOf(ConnectionFactory.class),
                exportsOf(Features.class), exportsOf(MeterRegistry.class), exportsOf(KeyValue.class),
                exportsOf(Observation.class), exportsOf(PrometheusMeterRegistry.class)));
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(FeatureInstaller.MAX_START_LEVEL));
        props.put("switchboard.home", settings.home().toString());
        props.put("switchboard.data", settings.data().toString());
        props.put("org.osgi.service.http.port", Integer.toString(settings.httpPort()));
        props.put("org.apache.felix.http.host", settings.httpHost());
        if (settings.httpTls()) {
            // TLS only, on the configured port: no plain-HTTP listener is left open beside it
            props.put("org.apache.felix.http.enable", "false");
            props.put("org.apache.felix.https.enable", "true");
            props.put("org.osgi.service.http.port.secure", Integer.toString(settings.httpPort()));
            props.put("org.apache.felix.https.keystore", settings.httpTlsKeystore().toString());
            props.put("org.apache.felix.https.keystore.password", settings.httpTlsPassword());
            props.put("org.apache.felix.https.keystore.key.password", settings.httpTlsPassword());
        }
        props.put("felix.fileinstall.dir", settings.config() + "," + settings.deploy());
        props.put("felix.fileinstall.poll", Integer.toString(settings.deployPollMillis()));
        // FileInstall only watches: the deployer starts deploy/ bundles, after its checks and under its time limit.
        // (FileInstall's own start would run an activator on its scan thread, where one that hangs freezes deploy/.)
        props.put("felix.fileinstall.bundles.new.start", "false");
        return new FrameworkFactory().newFramework(props);
    }

    /** The Export-Package header of the jar (or class folder) a class was loaded from. */
    static String exportsOf(Class<?> anchor) throws IOException {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        Path path;
        try {
            path = Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate " + location, e);
        }
        Manifest manifest;
        if (Files.isDirectory(path)) {
            try (InputStream in = Files.newInputStream(path.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new Manifest(in);
            }
        } else {
            try (JarFile jar = new JarFile(path.toFile())) {
                manifest = jar.getManifest();
            }
        }
        String exports = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        if (exports == null) {
            throw new IOException(path + " has no Export-Package header");
        }
        return exports;
    }
}

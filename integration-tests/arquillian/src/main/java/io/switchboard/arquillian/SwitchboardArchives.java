package io.switchboard.arquillian;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * Test bundles as ShrinkWrap archives with an OSGi manifest:
 * <pre>{@code
 * @Deployment(testable = false)
 * static JavaArchive bundle() {
 *     return SwitchboardArchives.bundle("my.bundle", "1.0.0", MyActivator.class)
 *             .importPackages("jakarta.jms", "org.osgi.framework").build();
 * }
 * }</pre>
 */
public final class SwitchboardArchives {

    private final String symbolicName;
    private final String version;
    private final Class<?>[] classes;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private SwitchboardArchives(String symbolicName, String version, Class<?>[] classes) {
        this.symbolicName = symbolicName;
        this.version = version;
        this.classes = classes;
    }

    /** A bundle of these classes; the first, when it is a {@code BundleActivator}, becomes the activator. */
    public static SwitchboardArchives bundle(String symbolicName, String version, Class<?>... classes) {
        SwitchboardArchives b = new SwitchboardArchives(symbolicName, version, classes);
        if (classes.length > 0 && isActivator(classes[0])) {
            b.headers.put("Bundle-Activator", classes[0].getName());
        }
        return b;
    }

    public SwitchboardArchives importPackages(String... packages) {
        headers.put("Import-Package", String.join(",", packages));
        return this;
    }

    public SwitchboardArchives header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The archive, named {@code <symbolicName>.jar}: the file name it is deployed under. */
    public JavaArchive build() {
        StringBuilder mf = new StringBuilder("Manifest-Version: 1.0\n")
                .append("Bundle-ManifestVersion: 2\n")
                .append("Bundle-SymbolicName: ").append(symbolicName).append('\n')
                .append("Bundle-Version: ").append(version).append('\n');
        headers.forEach((k, v) -> mf.append(k).append(": ").append(v).append('\n'));
        return ShrinkWrap.create(JavaArchive.class, symbolicName + ".jar")
                .addClasses(classes)
                .setManifest(new StringAsset(mf.toString()));
    }

    private static boolean isActivator(Class<?> c) {
        for (Class<?> i : c.getInterfaces()) {
            if (i.getName().equals("org.osgi.framework.BundleActivator")) {
                return true;
            }
        }
        return false;
    }
}

package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private File write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toFile();
    }

    @Test
    void aPidFileAndAFactoryFileAreNamedByTheirFileName() throws Exception {
        ConfigFile plain = ConfigFile.named(new File("my.pid.cfg"));
        assertEquals("my.pid", plain.pid);
        assertNull(plain.factoryPid);
        ConfigFile factory = ConfigFile.named(new File("my.factory~first.cfg"));
        assertEquals("my.factory", factory.factoryPid);
        assertEquals("first", factory.name);
        assertEquals("my.factory~first", factory.label());
    }

    @Test
    void aFileNameThatIsNoPidIsRefused() {
        var e = assertThrows(ConfigFile.InvalidFile.class, () -> ConfigFile.named(new File("bad name!.cfg")));
        assertTrue(e.getMessage().contains("<pid>.cfg"), e.getMessage());
    }

    @Test
    void readsPropertiesTrimmed() throws Exception {
        var d = ConfigFile.read(write("a.cfg", "# comment\nkey = value  \nother: 2\nlong = a \\\n  b\n"));
        assertEquals("value", d.get("key"));
        assertEquals("2", d.get("other"));
        assertEquals("a b", d.get("long"));
    }

    @Test
    void aLineWithoutSeparatorIsRefusedWithItsNumber() throws Exception {
        var e = assertThrows(ConfigFile.InvalidFile.class,
                () -> ConfigFile.read(write("a.cfg", "ok = 1\n\noops\n")));
        assertEquals("line 3: 'oops' is not key = value", e.getMessage());
    }

    @Test
    void aMalformedUnicodeEscapeIsRefused() throws Exception {
        var e = assertThrows(ConfigFile.InvalidFile.class,
                () -> ConfigFile.read(write("a.cfg", "key = \\uZZZZ\n")));
        assertTrue(e.getMessage().toLowerCase().contains("malformed"), e.getMessage());
    }

    @Test
    void typedConfigFilesUseFelixSyntax() throws Exception {
        var d = ConfigFile.read(write("a.config", "port=I\"8080\"\nnames=[\"a\",\"b\"]\n"));
        assertEquals(8080, d.get("port"));
        assertTrue(d.get("names") instanceof String[]);
        assertThrows(ConfigFile.InvalidFile.class, () -> ConfigFile.read(write("b.config", "port=I\"x\n")));
    }

    @Test
    void findsTheLineOfAKey() throws Exception {
        File f = write("a.cfg", "a = 1\n  port = x\n");
        assertEquals(2, ConfigFile.lineOf(f, "port"));
        assertEquals(0, ConfigFile.lineOf(f, "missing"));
    }
}

package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigFormTest {

    private final ConfigForm undescribed = new ConfigForm(null);

    @Test
    void secretsAreFoundByNameWhateverTheCase() {
        assertTrue(undescribed.isSecret("db.Password"));
        assertTrue(undescribed.isSecret("apiTOKEN"));
        assertTrue(undescribed.isSecret("clientSecret"));
        assertTrue(undescribed.isSecret("credentials.file"));
        assertFalse(undescribed.isSecret("url"));
        assertEquals(Map.of("value", ConfigForm.MASK, "secret", true),
                undescribed.values(Map.of("apiToken", "x")).get("apiToken"));
    }

    @Test
    void theMaskKeepsTheStoredSecretAndInternalPropertiesAreNotTaken() throws Exception {
        var body = new ObjectMapper().readTree("{\"apiToken\": \"********\", \"url\": \"http://h\", "
                + "\"service.pid\": \"other\", \"gone\": null, \"list\": [\"a\", \"b\"]}");
        Map<String, Object> out = undescribed.check(body, Map.of("apiToken", "kept", "gone", "x"), false);
        assertEquals(Map.of("apiToken", "kept", "url", "http://h", "list", "a,b"), out);
    }

    @Test
    void secretsInsideValuesAreMaskedInEveryRead() {
        Map<String, Object> values = undescribed.values(Map.of(
                "url", "https://orders:pa55@api.example.com/in",
                "jdbcUrl", "jdbc:postgresql://db/sb?user=sb&password=s3cret",
                "headers", new String[] {"Authorization: Bearer abc.def", "X-Source: batch"}));
        assertEquals("https://orders:********@api.example.com/in", values.get("url"));
        assertEquals("jdbc:postgresql://db/sb?user=sb&password=********", values.get("jdbcUrl"));
        assertEquals(java.util.List.of("Authorization: ********", "X-Source: batch"), values.get("headers"));
        assertFalse(values.toString().contains("pa55") || values.toString().contains("s3cret")
                || values.toString().contains("abc.def"));
    }

    @Test
    void aValueSentBackAsItWasShownKeepsItsSecretAndAChangedOneIsTaken() throws Exception {
        Map<String, Object> current = Map.of("url", "https://o:pa55@h/in",
                "headers", new String[] {"Authorization: Bearer abc", "X-Source: batch"},
                "cfgHeaders", "Authorization: Bearer abc, X-Source: batch");
        var same = new ObjectMapper().readTree("{\"url\": \"https://o:********@h/in\", "
                + "\"headers\": [\"Authorization: ********\", \"X-Source: batch\"], "
                + "\"cfgHeaders\": \"Authorization: ********, X-Source: batch\"}");
        Map<String, Object> kept = undescribed.check(same, current, true);
        assertEquals("https://o:pa55@h/in", kept.get("url"));
        assertEquals(java.util.List.of("Authorization: Bearer abc", "X-Source: batch"),
                ConfigForm.arrayToList(kept.get("headers")));
        assertEquals("Authorization: Bearer abc, X-Source: batch", kept.get("cfgHeaders"));

        var changed = new ObjectMapper().readTree("{\"url\": \"https://o:new@h/in\"}");
        assertEquals("https://o:new@h/in", undescribed.check(changed, current, true).get("url"));
    }

    @Test
    void anEditAroundAMaskedSecretIsRefusedNamingTheFieldRatherThanStoringTheMask() throws Exception {
        Map<String, Object> current = Map.of("url", "https://o:pa55@h/in",
                "headers", new String[] {"Authorization: Bearer abc", "X-Source: batch"});
        for (String body : new String[] {"{\"url\": \"https://o:********@other/in\"}",
                "{\"headers\": [\"Authorization: ********\", \"X-Source: nightly\"]}"}) {
            ConfigForm.Invalid refused = org.junit.jupiter.api.Assertions.assertThrows(ConfigForm.Invalid.class,
                    () -> undescribed.check(new ObjectMapper().readTree(body), current, true), body);
            assertTrue(refused.getMessage().contains("masked secret"), refused.getMessage());
        }
    }

    @Test
    void describedValuesAreStoredAsTheirMetatypeTypesForConfigAdmin() throws Exception {
        ConfigForm form = new ConfigForm(ocd(ad("port", AttributeDefinition.INTEGER, 0),
                ad("ids", AttributeDefinition.LONG, 3), ad("flags", AttributeDefinition.BOOLEAN, -3),
                ad("sep", AttributeDefinition.CHARACTER, 0), ad("name", AttributeDefinition.STRING, 0)));
        Map<String, Object> out = form.check(new ObjectMapper().readTree("{\"port\": \" 8080 \", \"ids\": [1, \"2\"], "
                + "\"flags\": [true, \"FALSE\"], \"sep\": \";\", \"name\": \" kept as sent \"}"), Map.of(), true);
        assertEquals(8080, out.get("port"));
        assertEquals(List.of(1L, 2L), Arrays.asList((Long[]) out.get("ids")));
        assertEquals(List.of(true, false), out.get("flags"));
        assertEquals(';', out.get("sep"));
        assertEquals(" kept as sent ", out.get("name"));
        assertEquals(Map.of("port", "8080", "ids", "1,2"),
                form.check(new ObjectMapper().readTree("{\"port\": 8080, \"ids\": [1, 2]}"), Map.of(), false));
    }

    @Test
    void aValueThatIsNotOfItsTypeIsRefusedSayingWhatItShouldBe() throws Exception {
        ConfigForm form = new ConfigForm(ocd(ad("port", AttributeDefinition.INTEGER, 0),
                ad("small", AttributeDefinition.BYTE, 0), ad("ratio", AttributeDefinition.DOUBLE, 0),
                ad("on", AttributeDefinition.BOOLEAN, 0), ad("sep", AttributeDefinition.CHARACTER, 0)));
        Map<String, String> refusals = Map.of("{\"port\": \"many\"}", "port: 'many' is not a whole number in range",
                "{\"small\": 300}", "small: '300' is not a whole number in range",
                "{\"ratio\": \"1.5x\"}", "ratio: '1.5x' is not a number",
                "{\"on\": \"yes\"}", "on: 'yes' is not true or false",
                "{\"sep\": \"ab\"}", "sep: 'ab' is not one character");
        for (var refusal : refusals.entrySet()) {
            for (boolean typed : new boolean[] {true, false}) {
                ConfigForm.Invalid refused = org.junit.jupiter.api.Assertions.assertThrows(ConfigForm.Invalid.class,
                        () -> form.check(new ObjectMapper().readTree(refusal.getKey()), Map.of(), typed));
                assertEquals(refusal.getValue(), refused.getMessage());
            }
        }
    }

    private static AttributeDefinition ad(String id, int type, int cardinality) {
        return new AttributeDefinition() {
            public String getName() { return id; }
            public String getID() { return id; }
            public String getDescription() { return null; }
            public int getCardinality() { return cardinality; }
            public int getType() { return type; }
            public String[] getOptionValues() { return null; }
            public String[] getOptionLabels() { return null; }
            public String validate(String value) { return null; }
            public String[] getDefaultValue() { return null; }
        };
    }

    private static ObjectClassDefinition ocd(AttributeDefinition... ads) {
        return new ObjectClassDefinition() {
            public String getName() { return "test"; }
            public String getID() { return "test"; }
            public String getDescription() { return null; }
            public AttributeDefinition[] getAttributeDefinitions(int filter) {
                return filter == ObjectClassDefinition.REQUIRED ? new AttributeDefinition[0] : ads;
            }
            public InputStream getIcon(int size) { return null; }
        };
    }
}

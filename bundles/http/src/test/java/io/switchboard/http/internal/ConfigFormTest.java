package io.switchboard.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}

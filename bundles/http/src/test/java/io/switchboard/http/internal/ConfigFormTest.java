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
}

package io.switchboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void aNamedSegmentTakesOneNonEmptySegmentAndLiteralsOnlyThemselves() {
        PathTemplate t = PathTemplate.of("/v1/bundles/{id}/start");
        assertEquals(Optional.of(Map.of("id", "42")), t.match("/v1/bundles/42/start"));
        assertTrue(t.match("/v1/bundles//start").isEmpty());
        assertTrue(t.match("/v1/bundles/42/stop").isEmpty());
        assertTrue(t.match("/v1/bundles/42").isEmpty());
        assertTrue(t.match("/v1/bundles/42/start/").isEmpty());
    }

    @Test
    void aNamedSegmentTakesDotsPlusesAndSpacesAsTheyAre() {
        PathTemplate t = PathTemplate.of("/v1/destinations/{queue}/messages/{id}/retry");
        assertEquals(Optional.of(Map.of("queue", "orders.DLQ", "id", "12")),
                t.match("/v1/destinations/orders.DLQ/messages/12/retry"));
        assertEquals(Optional.of(Map.of("queue", "c+d e")), PathTemplate.of("/v1/destinations/{queue}/purge")
                .match("/v1/destinations/c+d e/purge"));
    }

    @Test
    void aPathWithoutNamesMatchesOnlyItselfAndCountsNoNames() {
        PathTemplate t = PathTemplate.of("/v1/tokens");
        assertEquals(Optional.of(Map.of()), t.match("/v1/tokens"));
        assertTrue(t.match("/v1/tokens/").isEmpty());
        assertEquals(0, t.names());
        assertEquals(2, PathTemplate.of("/v1/destinations/{queue}/messages/{id}/retry").names());
    }

    @Test
    void aTemplateThatIsNotAnAbsolutePathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("v1/tokens"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.of("/v1//tokens"));
    }
}

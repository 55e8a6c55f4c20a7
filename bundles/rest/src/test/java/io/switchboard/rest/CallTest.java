package io.switchboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CallTest {

    @Test
    void theQueryIsReadFromTheQueryStringDecodedFirstValueFirst() {
        assertEquals("a b.jar", Call.parse("x=1&name=a%20b.jar").get("name"));
        assertEquals("../x.jar", Call.parse("name=..%2Fx.jar").get("name"));
        assertEquals("1", Call.parse("n=1&n=2").get("n"));
        assertEquals("", Call.parse("flag").get("flag"));
        assertNull(Call.parse("other=1").get("name"));
        assertNull(Call.parse(null).get("name"));
    }

    @Test
    void aQueryStringThatIsNotWellEncodedIsTheCallersError() {
        assertEquals(400, assertThrows(ApiException.class, () -> Call.parse("name=%zz")).status());
    }
}

package io.switchboard.deployer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ExitCallsTest {

    @Test
    void directCallsAndMethodReferencesToExitOrHaltAreFound() throws IOException {
        assertEquals("System.exit", ExitCalls.find(Exits.bytes(Exits.Direct.class)));
        assertEquals("Runtime.halt", ExitCalls.find(Exits.bytes(Exits.Halt.class)));
        assertEquals("System.exit", ExitCalls.find(Exits.bytes(Exits.Reference.class)));
    }

    @Test
    void anOrdinaryClassAndAReflectiveExitAreNotFound() throws IOException {
        assertNull(ExitCalls.find(Exits.bytes(ExitCallsTest.class)));
        assertNull(ExitCalls.find(Exits.bytes(Exits.Reflective.class)), "reflection is documented as not found");
    }

    @Test
    void bytesThatAreNotAClassAreAnError() {
        assertThrows(IOException.class, () -> ExitCalls.find("not a class at all".getBytes()));
    }
}

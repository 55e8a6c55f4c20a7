package io.switchboard.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class FanOutTest {

    @Test
    void oneMessageCausesAtMostTheLimitHoweverRoutesMultiplyIt() {
        // as reported: two routes each sending a message on twice turned one message into 131,000
        FanOut fanOut = new FanOut();
        fanOut.limit(1000);
        for (int multiplier : new int[] {1, 2, 3, 10}) {
            long caused = 0;
            long refused = 0;
            Deque<Integer> inFlight = new ArrayDeque<>();
            inFlight.add(fanOut.left((Object) null)); // from outside the routes: the whole limit
            while (!inFlight.isEmpty()) {
                int left = inFlight.poll();
                try {
                    int share = fanOut.share(left, multiplier);
                    caused += multiplier;
                    for (int i = 0; i < multiplier; i++) {
                        inFlight.add(fanOut.left((Object) share)); // what the copy carries in its header
                    }
                } catch (Pipeline.LoopLimitException e) {
                    refused++; // dead-lettered with the reason
                }
            }
            assertTrue(caused <= 1000, multiplier + ": caused " + caused);
            // a chain of copies goes the whole way; a multiplying loop loses to rounding but still goes far
            assertTrue(multiplier == 1 ? caused == 1000 : caused >= 100, multiplier + ": caused only " + caused);
            assertTrue(refused >= 1);
        }
    }

    @Test
    void aSenderCannotRaiseWhatItsMessageMayCause() {
        FanOut fanOut = new FanOut();
        assertEquals(FanOut.DEFAULT_LIMIT, fanOut.left((Object) "2000000000"));
        assertEquals(FanOut.DEFAULT_LIMIT, fanOut.left((Object) "lots"));
        assertEquals(0, fanOut.left((Object) (-5)));
        assertEquals(7, fanOut.left((Object) 7));
    }

    @Test
    void goingPastTheLimitSaysWhyAndWhereToChangeIt() {
        FanOut fanOut = new FanOut();
        Pipeline.LoopLimitException e = assertThrows(Pipeline.LoopLimitException.class, () -> fanOut.share(3, 4));
        assertTrue(e.getMessage().contains("would cause 4 messages but may cause only 3 more"), e.getMessage());
        assertTrue(e.getMessage().contains("fanOutLimit in io.switchboard.routing.cfg"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fanOut.limit(0));
    }
}

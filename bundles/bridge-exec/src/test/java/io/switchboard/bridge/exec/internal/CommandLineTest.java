package io.switchboard.bridge.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void blanksSeparateWordsAndRunsOfBlanksCountOnce() {
        assertEquals(List.of("/bin/prog", "-a", "b"), CommandLine.split("  /bin/prog   -a\tb "));
    }

    @Test
    void doubleQuotesKeepBlanksAndEscapeOnlyTheirSpecialCharacters() {
        assertEquals(List.of("echo", "a b", "say \"hi\" \\n $x"), CommandLine.split("echo \"a b\" \"say \\\"hi\\\" \\n \\$x\""));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(List.of("awk", "{ print $1 \"\\\\\" }"), CommandLine.split("awk '{ print $1 \"\\\\\" }'"));
    }

    @Test
    void aBackslashOutsideQuotesTakesTheNextCharacterAsItIs() {
        assertEquals(List.of("a b", "c'd", "e"), CommandLine.split("a\\ b c\\'d e"));
    }

    @Test
    void adjacentQuotedPartsMakeOneWordAndEmptyQuotesAnEmptyWord() {
        assertEquals(List.of("--name=a b", "", "x"), CommandLine.split("--name='a b' '' x"));
    }

    @Test
    void nothingShellLikeHappensToVariablesGlobsOrPipes() {
        assertEquals(List.of("cat", "$HOME", "*.txt", "|", "wc"), CommandLine.split("cat $HOME *.txt | wc"));
    }

    @Test
    void anUnclosedQuoteOrLoneBackslashIsRefusedNamingTheSetting() {
        assertEquals("command: a ' quote is not closed in echo 'a", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.split("echo 'a")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("echo \"a"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("echo a\\"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("   "));
    }
}

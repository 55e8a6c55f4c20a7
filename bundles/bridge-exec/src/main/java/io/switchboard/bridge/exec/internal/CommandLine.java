package io.switchboard.bridge.exec.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code command} setting split into an argument vector the way a POSIX shell splits words, without anything else
 * a shell does (no variables, globs, pipes or redirections): blanks separate words; {@code "..."} keeps blanks, and
 * inside it a backslash escapes only {@code " \ $ `}; {@code '...'} keeps everything literally; outside quotes a
 * backslash takes the next character as it is. {@code ""} and {@code ''} are empty words.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * @throws IllegalArgumentException naming {@code command} for an unclosed quote, a trailing backslash or no words
     */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw problem(command, "a ' quote is not closed");
                }
                word.append(command, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(command, i + 1, word);
            } else if (c == '\\') {
                if (i + 1 >= command.length()) {
                    throw problem(command, "it ends with a lone backslash");
                }
                word.append(command.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("command: name a program (and its arguments)");
        }
        return List.copyOf(words);
    }

    /** Appends a double-quoted part starting after its quote; returns the index after the closing quote. */
    private static int doubleQuoted(String command, int from, StringBuilder word) {
        int i = from;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                word.append(command.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw problem(command, "a \" quote is not closed");
    }

    private static IllegalArgumentException problem(String command, String what) {
        return new IllegalArgumentException("command: " + what + " in " + command);
    }
}

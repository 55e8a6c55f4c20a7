package io.switchboard.bridge.file.internal;

import java.util.Locale;

/** What a file-out instance does when the file it is to write exists. */
enum FileExist {
    /** A permanent failure "exists" (unless it holds the same bytes: a message tried again counts as written). */
    FAIL,
    /** Replaced, atomically. */
    OVERRIDE,
    /** Appended to (not atomic: a crash can leave part of the message at the end; a retry appends again). */
    APPEND,
    /** Written beside it as name-1.ext, name-2.ext, ... */
    UNIQUE;

    /** @throws IllegalArgumentException naming fileExist */
    static FileExist of(String value) {
        try {
            return valueOf((value == null ? "fail" : value.trim()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fileExist = '" + value + "' must be fail, override, append or unique");
        }
    }
}

package io.switchboard.deployer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Whether a file in a watched folder may be read at all, decided before anything reads it: a regular file (not a
 * link, a folder, a pipe or a device) within its kind's size limit. A symbolic link is refused whatever it points to:
 * it would let {@code deploy/} read a file from anywhere (a {@code .cfg} linked to a system file would show its lines
 * in the status), and its target can change without the folder seeing it.
 */
final class Admission {

    private Admission() {
    }

    /** @return why the file is refused, or null */
    static String refusal(Path file, long maxBytes, String setting) {
        if (Files.isSymbolicLink(file)) {
            return "a symbolic link: the watched folders take regular files only (copy the file in); refused";
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "not a regular file; refused";
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return size + " bytes, over the limit of " + DeployLimits.size(maxBytes) + " (" + setting + "); refused";
            }
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
        return null;
    }
}

package io.switchboard.bridge.file.internal;

import java.util.regex.Pattern;

/**
 * The done-file convention of a folder: a writer drops {@code orders.csv}, then {@code orders.csv.done} when it has
 * finished, and the file is taken only then. The template names the done-file from the file's name with
 * {@code ${name}} (the whole name) or {@code ${name.noext}} (without its last extension); a fixed name is refused,
 * since one marker for several files cannot say which of them are complete.
 */
final class DoneFiles {

    private static final String NAME = "${name}";
    private static final String NOEXT = "${name.noext}";

    private final String template;
    private final Pattern markers;

    private DoneFiles(String template, Pattern markers) {
        this.template = template;
        this.markers = markers;
    }

    /** @throws IllegalArgumentException naming doneFile when the template names no file */
    static DoneFiles of(String template) {
        if (!template.contains(NAME) && !template.contains(NOEXT)) {
            throw new IllegalArgumentException("doneFile = '" + template + "' must contain ${name} or ${name.noext} "
                    + "(one done-file per file, e.g. ${name}.done)");
        }
        if (template.contains("/") || template.contains("\\") || template.equals(NAME)) {
            throw new IllegalArgumentException("doneFile = '" + template + "' must be another name in the same folder");
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int at = template.indexOf("${", i);
            if (at < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            regex.append(Pattern.quote(template.substring(i, at)));
            if (template.startsWith(NAME, at)) {
                regex.append(".+");
                i = at + NAME.length();
            } else if (template.startsWith(NOEXT, at)) {
                regex.append(".+");
                i = at + NOEXT.length();
            } else {
                throw new IllegalArgumentException("doneFile = '" + template + "': only ${name} and ${name.noext} "
                        + "are known");
            }
        }
        return new DoneFiles(template, Pattern.compile(regex.toString()));
    }

    /** The done-file of a file. */
    String doneFileOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String noext = dot <= 0 ? fileName : fileName.substring(0, dot);
        return template.replace(NAME, fileName).replace(NOEXT, noext);
    }

    /** True when the name has the shape of a done-file: such a file is a marker, never a message. */
    boolean isMarker(String name) {
        return markers.matcher(name).matches();
    }

    @Override
    public String toString() {
        return template;
    }
}

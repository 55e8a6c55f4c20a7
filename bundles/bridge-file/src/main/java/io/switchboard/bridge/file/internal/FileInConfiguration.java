package io.switchboard.bridge.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Switchboard file folder in",
        description = "Polls a folder and routes each file once it is complete: deploy/io.switchboard.bridge.file.in~<instance>.cfg")
@interface FileInConfiguration {

    @AttributeDefinition(description = "The folder polled; a relative path is relative to the Switchboard home. "
            + "Taken files move to its .inprogress/, then done/ (or error/).")
    String folder();

    @AttributeDefinition(required = false, description = "Where each file goes, a target URI as in route files: "
            + "jms:queue:NAME, jms:topic:NAME, deliver:ENDPOINT, dispatch:TYPE[#OPERATION] or a bridge's scheme. "
            + "Empty (and no type): only route files with 'from: file:<instance>' take the files.")
    String to() default "";

    @AttributeDefinition(required = false, description = "A dispatch type: the same as to = dispatch:<type>[#<operation>].")
    String type() default "";

    @AttributeDefinition(required = false, description = "The dispatch operation, with type.")
    String operation() default "";

    @AttributeDefinition(description = "Names taken, a glob ({*.csv,*.txt}). Hidden names and *.tmp, *.part, *~ never are.")
    String include() default "*";

    @AttributeDefinition(required = false, description = "Names left alone, a glob.")
    String exclude() default "";

    @AttributeDefinition(description = "How often the folder is looked at.")
    String interval() default "1s";

    @AttributeDefinition(description = "A file is taken once its size and modification time stayed the same this "
            + "long, as this poller saw them (ignored with doneFile).")
    String stableFor() default "1s";

    @AttributeDefinition(required = false, description = "Take a file only when its done-file exists, e.g. "
            + "${name}.done or ${name.noext}.ready; the done-file is removed when the file is taken.")
    String doneFile() default "";

    @AttributeDefinition(description = "Delete a routed file instead of moving it to done/.")
    boolean delete() default false;

    @AttributeDefinition(description = "Failed attempts after which a file moves to error/ with <name>.error.txt.")
    int maxAttempts() default 5;

    @AttributeDefinition(description = "The largest file sent as one message, in bytes; a larger one goes to error/ "
            + "unless split = lines.")
    long maxBytes() default 10_485_760;

    @AttributeDefinition(description = "none: one message per file; lines: one message per line, the file streamed "
            + "(never loaded whole; maxBytes then limits a line).", options = {@Option(value = "none"),
        @Option(value = "lines")})
    String split() default "none";

    @AttributeDefinition(required = false, description = "The files' media type; empty: guessed from the extension "
            + "(.json, .xml, .csv, .txt are text, others bytes).")
    String contentType() default "";

    @AttributeDefinition(description = "The character set of text files (converted to UTF-8 on the way in).")
    String charset() default "UTF-8";

    @AttributeDefinition(description = "Whether the platform is not ready while this instance is not CONNECTED.")
    boolean required() default false;
}

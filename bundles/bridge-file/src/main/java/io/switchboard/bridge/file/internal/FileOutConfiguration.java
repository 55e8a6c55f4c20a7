package io.switchboard.bridge.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Switchboard file folder out",
        description = "Writes each message as a file (temporary name, fsync, atomic rename): the delivery endpoint "
                + "and route target file-out:<instance> of deploy/io.switchboard.bridge.file.out~<instance>.cfg")
@interface FileOutConfiguration {

    @AttributeDefinition(description = "The root folder written to (created when missing); a relative path is "
            + "relative to the Switchboard home. No file name may lead out of it.")
    String folder();

    @AttributeDefinition(required = false, description = "The file's name (may hold sub-folders), from headers: "
            + "${HEADER}, ${date:yyyyMMdd}. Empty: ${SB_MESSAGE_ID} and an extension by the content type.")
    String fileName() default "";

    @AttributeDefinition(description = "When the file exists: fail (a permanent failure; the same content again "
            + "counts as written), override, append, or unique (name-1.ext, name-2.ext, ...).", options = {
        @Option(value = "fail"), @Option(value = "override"), @Option(value = "append"), @Option(value = "unique")})
    String fileExist() default "fail";

    @AttributeDefinition(description = "Whether the platform is not ready while this instance is not CONNECTED.")
    boolean required() default false;
}

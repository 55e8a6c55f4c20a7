package io.switchboard.bridge.exec.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard exec bridge (a program as a handler)",
        description = "Runs a command-line program for each message of a type: the body on its stdin, its stdout the "
                + "reply, its exit code the outcome. Also the delivery endpoint named by the instance: "
                + "deploy/io.switchboard.bridge.exec~<instance>.cfg")
@interface ExecConfiguration {

    @AttributeDefinition(description = "The message type handled (dot-separated, e.g. quote.price); subtypes too.")
    String type();

    @AttributeDefinition(required = false, description = "The operations handled, separated by commas; empty: all.")
    String[] operations() default {};

    @AttributeDefinition(description = "The program and its arguments, split like a shell splits words (\"a b\", "
            + "'a b', backslash escapes) but never run through a shell unless shell = true. A program name without "
            + "a slash is looked up on PATH; a relative path starts at directory.")
    String command();

    @AttributeDefinition(description = "Run the command as /bin/sh -c <command> (pipes, redirections, variables).")
    boolean shell() default false;

    @AttributeDefinition(required = false, description = "The working directory; empty: the Switchboard home. "
            + "A relative path starts at the Switchboard home.")
    String directory() default "";

    @AttributeDefinition(required = false, description = "Names of the platform's environment variables the "
            + "program sees, separated by commas. PATH, HOME and LANG always pass; nothing else does.")
    String[] environment() default {};

    @AttributeDefinition(description = "How long one run may take; then its whole process tree is stopped "
            + "(TERM, then KILL after grace) and the attempt fails transiently.")
    String timeout() default "30s";

    @AttributeDefinition(description = "How long a stopped program has between TERM and KILL.")
    String grace() default "5s";

    @AttributeDefinition(description = "How many runs of the program at once, at most.")
    int concurrency() default 4;

    @AttributeDefinition(description = "The most bytes of stdout taken, the reply; more fails the attempt for good.")
    long maxOutput() default 10_485_760;

    @AttributeDefinition(description = "The bytes of stderr kept (the last ones) for the failure reason; the rest "
            + "is read and discarded.")
    long maxError() default 65_536;

    @AttributeDefinition(required = false, description = "What exit codes mean: ok|transient|permanent = codes, "
            + "entries separated by ';' (e.g. ok = 0, 1; transient = 75, 69). Default: 0 ok, 75 transient, "
            + "others permanent.")
    String[] exitCodes() default {};

    @AttributeDefinition(required = false, description = "The reply's media type (e.g. application/json); empty: "
            + "text/plain when stdout is UTF-8 text, else application/octet-stream.")
    String contentType() default "";

    @AttributeDefinition(description = "Whether the platform is not ready while this bridge is not CONNECTED.")
    boolean required() default false;
}

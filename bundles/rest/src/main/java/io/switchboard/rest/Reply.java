package io.switchboard.rest;

/**
 * What a handler answers when it is not a plain 200 with a JSON body: another status, or nothing more to write
 * because the handler wrote the response itself (a download, a document served as it is stored).
 */
public record Reply(int status, Object body) {

    private static final Reply WRITTEN = new Reply(0, null);

    /** {@code status} with {@code body} as JSON. */
    public static Reply of(int status, Object body) {
        return new Reply(status, body);
    }

    /** 201 with the made thing as JSON. */
    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    /** 202: taken, to be applied later. */
    public static Reply accepted(Object body) {
        return new Reply(202, body);
    }

    /** The handler has written the response itself. */
    public static Reply written() {
        return WRITTEN;
    }

    boolean isWritten() {
        return this == WRITTEN;
    }
}

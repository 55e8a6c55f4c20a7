package io.switchboard.bridge.file.internal;

/** A file that can never become a message as it is (too large, not text in its charset): it goes to error/ at once. */
final class Unfit extends Exception {

    private static final long serialVersionUID = 1L;

    Unfit(String reason) {
        super(reason);
    }
}

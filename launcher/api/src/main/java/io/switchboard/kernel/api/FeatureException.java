package io.switchboard.kernel.api;

/** A feature file that cannot be read or installed; the message names the file and the reason. */
public class FeatureException extends Exception {
    private static final long serialVersionUID = 1L;

    public FeatureException(String message) {
        super(message);
    }

    public FeatureException(String message, Throwable cause) {
        super(message, cause);
    }
}

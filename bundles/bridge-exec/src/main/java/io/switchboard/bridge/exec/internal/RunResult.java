package io.switchboard.bridge.exec.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How one run of the program ended.
 *
 * @param outcome ok, transient or permanent
 * @param exitCode the exit code, or -1 when the program did not exit by itself (not started, stopped)
 * @param output what it wrote to stdout (up to maxOutput)
 * @param reason why it failed, for the dead-letter headers and the bridge's last error; null when ok
 */
record RunResult(ExitCodes.Meaning outcome, int exitCode, byte[] output, String reason) {

    static RunResult ok(int exitCode, byte[] output) {
        return new RunResult(ExitCodes.Meaning.OK, exitCode, output, null);
    }

    static RunResult failed(ExitCodes.Meaning outcome, int exitCode, String reason) {
        return new RunResult(outcome, exitCode, new byte[0], reason);
    }

    boolean ok() {
        return outcome == ExitCodes.Meaning.OK;
    }

    /** The output as text when it is valid UTF-8. */
    Optional<String> text() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(output)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

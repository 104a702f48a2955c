package io.omskit.core;

import io.omskit.spi.OmsErrorCode;

/**
 * Internal control flow of {@code decide}: a rule refuses the command. Caught inside {@link OrderDecider} and
 * turned into a {@link Decision.Rejected}; never escapes the library. No stack trace is filled in.
 *
 * <p>Immutable; thread-safe.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final OmsErrorCode code;

    Refusal(OmsErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    OmsErrorCode code() {
        return code;
    }

    Decision.Rejected toDecision() {
        return new Decision.Rejected(code, getMessage());
    }
}

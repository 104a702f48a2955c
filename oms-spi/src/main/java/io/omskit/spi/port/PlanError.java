package io.omskit.spi.port;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.Checks;

/**
 * Why a plan was rejected.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param code the error code
 * @param message a message naming the bad value
 */
public record PlanError(OmsErrorCode code, String message) {
    public PlanError {
        Checks.present(code, "code");
        Checks.present(message, "message");
    }
}

package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;

/**
 * {@link OrderService} refused a command: the decision was {@link Decision.Rejected}, and nothing was stored
 * or called. The code says why ({@code ILLEGAL_TRANSITION}, {@code ORDER_ON_HOLD}, ...).
 *
 * <p>Immutable; safe to share between threads.
 */
public class CommandRejectedException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final String orderId;

    public CommandRejectedException(String orderId, OmsErrorCode code, String message) {
        super(code, "order " + orderId + ": " + message);
        this.orderId = orderId;
    }

    /** The order the command was for. */
    public String orderId() {
        return orderId;
    }
}

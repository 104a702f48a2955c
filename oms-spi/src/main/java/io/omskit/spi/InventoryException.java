package io.omskit.spi;

/**
 * A refused inventory operation: an unknown reservation ({@link OmsErrorCode#UNKNOWN_RESERVATION}), a
 * reservation id reused with other content or released past what it holds
 * ({@link OmsErrorCode#RESERVATION_CONFLICT}). Shortage is not an exception: it is the value
 * {@code ReservationResult.rejected(...)}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InventoryException extends OmsException {
    private static final long serialVersionUID = 1L;

    public InventoryException(OmsErrorCode code, String message) {
        super(code, message);
    }
}

package io.omskit.spi;

/**
 * The order named does not exist ({@link OmsErrorCode#ORDER_NOT_FOUND}).
 *
 * <p>Immutable; safe to share between threads.
 */
public class OrderNotFoundException extends OmsException {
    private static final long serialVersionUID = 1L;

    public OrderNotFoundException(String orderId) {
        super(OmsErrorCode.ORDER_NOT_FOUND, "order " + orderId + " does not exist");
    }
}

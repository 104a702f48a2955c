package io.omskit.spi;

/**
 * A new order was saved with an idempotency key that another order already holds
 * ({@link OmsErrorCode#DUPLICATE_IDEMPOTENCY_KEY}). The engine answers a duplicate capture with the
 * original order; this exception is how a store tells it that a concurrent capture won.
 *
 * <p>Immutable; safe to share between threads.
 */
public class DuplicateIdempotencyKeyException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final String existingOrderId;

    public DuplicateIdempotencyKeyException(String idempotencyKey, String existingOrderId) {
        super(OmsErrorCode.DUPLICATE_IDEMPOTENCY_KEY,
                "idempotency key already used by order " + existingOrderId + " (key length " + idempotencyKey.length() + ")");
        this.existingOrderId = existingOrderId;
    }

    /** The order that holds the key. */
    public String existingOrderId() {
        return existingOrderId;
    }
}

package io.omskit.spi;

/**
 * An optimistic-concurrency conflict: a save whose expected version is not the stored one
 * ({@link OmsErrorCode#STALE_VERSION}), or retries exhausted ({@link OmsErrorCode#CONCURRENT_MODIFICATION}).
 *
 * <p>Immutable; safe to share between threads.
 */
public class StaleOrderException extends OmsException {
    private static final long serialVersionUID = 1L;

    private final String orderId;
    private final long expectedVersion;
    private final long actualVersion;

    public StaleOrderException(String orderId, long expectedVersion, long actualVersion) {
        this(OmsErrorCode.STALE_VERSION, orderId, expectedVersion, actualVersion);
    }

    public StaleOrderException(OmsErrorCode code, String orderId, long expectedVersion, long actualVersion) {
        super(code, "order " + orderId + ": expected version " + expectedVersion + ", stored version " + actualVersion);
        this.orderId = orderId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String orderId() {
        return orderId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** The stored version at the time of the conflict; {@code -1} when the store could not tell. */
    public long actualVersion() {
        return actualVersion;
    }
}

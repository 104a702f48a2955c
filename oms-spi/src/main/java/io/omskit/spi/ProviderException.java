package io.omskit.spi;

/**
 * A provider behind a port (payment, fraud, carrier, inventory) failed or timed out. The call may be
 * repeated with the same idempotency key; a provider must then not act twice.
 *
 * <p>Codes: {@link OmsErrorCode#PROVIDER_TIMEOUT} or {@link OmsErrorCode#PROVIDER_ERROR}. Immutable; safe to
 * share between threads.
 */
public class ProviderException extends OmsException {
    private static final long serialVersionUID = 1L;

    public ProviderException(OmsErrorCode code, String message) {
        super(code, message);
    }

    public ProviderException(OmsErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** A timeout. */
    public static ProviderException timeout(String message) {
        return new ProviderException(OmsErrorCode.PROVIDER_TIMEOUT, message);
    }

    /** Any other provider failure. */
    public static ProviderException error(String message) {
        return new ProviderException(OmsErrorCode.PROVIDER_ERROR, message);
    }
}

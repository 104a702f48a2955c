package io.omskit.spi;

/**
 * Bad input: a value, a command or a document the library refuses before it changes anything.
 *
 * <p>Immutable; safe to share between threads.
 */
public class OmsValidationException extends OmsException {
    private static final long serialVersionUID = 1L;

    public OmsValidationException(OmsErrorCode code, String message) {
        super(code, message);
    }

    public OmsValidationException(OmsErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}

package io.omskit.spi;

import java.util.Objects;

/**
 * The one root of everything omskit throws: an unchecked exception carrying a stable {@link OmsErrorCode}.
 *
 * <p>Instances are immutable once thrown and may be shared between threads. Subclasses group failures by
 * kind ({@link OmsValidationException}, {@link StaleOrderException}, {@link ProviderException}, ...); a host
 * that only wants the code catches this class and reads {@link #code()}.
 */
public abstract class OmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final OmsErrorCode code;

    protected OmsException(OmsErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(code, "code") + ": " + message, cause);
        this.code = code;
    }

    protected OmsException(OmsErrorCode code, String message) {
        this(code, message, null);
    }

    /** The stable code of this failure. */
    public OmsErrorCode code() {
        return code;
    }
}

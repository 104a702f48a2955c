package io.omskit.spi.model;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;

/** Argument checks shared by the model's compact constructors. Stateless; thread-safe. */
public final class Checks {
    /** The longest id accepted, in chars. */
    public static final int MAX_ID_LENGTH = 128;

    private Checks() {
    }

    /** A value that must be present. */
    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, name + " is required");
        }
        return value;
    }

    /** An identifier: present, not blank, at most {@value #MAX_ID_LENGTH} chars, no control characters. */
    public static String id(String value, String kind) {
        present(value, kind);
        int n = value.length();
        if (n != 0 && n <= MAX_ID_LENGTH) {
            // fast path: an id made only of printable, non-space ASCII (0x21..0x7e) passes every check below;
            // anything else (spaces, controls, non-ASCII, empty, too long) takes the full checks, same order,
            // same codes and messages
            int i = 0;
            while (i < n && (char) (value.charAt(i) - 0x21) < 0x5e) {
                i++;
            }
            if (i == n) {
                return value;
            }
        }
        if (value.isBlank()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, kind + " must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    kind + " is " + value.length() + " chars long, at most " + MAX_ID_LENGTH + " allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                        kind + " contains a control character at index " + i);
            }
        }
        return value;
    }

    /**
     * A state's name: an {@linkplain #id id}. The name of its built-in {@code category} (that very string, as
     * {@link Enum#name()} returns it) is known to be valid and passes without a scan: most states are built-in.
     */
    public static String state(String state, Enum<?> category, String kind) {
        if (category != null && state == category.name()) {
            return state;
        }
        return id(state, kind);
    }

    /** A quantity that must be at least 1. */
    public static int positive(int quantity, String name) {
        if (quantity <= 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, name + " must be positive, was " + quantity);
        }
        return quantity;
    }

    /** A quantity that must be at least 0. */
    public static int nonNegative(int quantity, String name) {
        if (quantity < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, name + " must not be negative, was " + quantity);
        }
        return quantity;
    }
}

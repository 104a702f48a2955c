package io.omskit.core.json;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.OmsValidationException;

/**
 * The errors the JSON reader throws. Stateless; thread-safe.
 *
 * <p>Messages name the place in the document and, for short vocabulary values (type names, enum names,
 * currency codes), the value; they never repeat free text, which may be personal data.
 */
final class Failures {
    private static final int MAX_ECHO = 40;

    private Failures() {
    }

    /** The document's structure is wrong: syntax, a JSON type, an unknown or missing property. */
    static OmsValidationException malformed(String path, String message) {
        return new OmsValidationException(OmsErrorCode.MALFORMED_JSON, path + ": " + message);
    }

    /** As {@link #malformed(String, String)}, with the cause. */
    static OmsValidationException malformed(String path, String message, Throwable cause) {
        return new OmsValidationException(OmsErrorCode.MALFORMED_JSON, path + ": " + message, cause);
    }

    /** A well-typed value outside its vocabulary: an unknown enum name, currency, timestamp or amount. */
    static OmsValidationException invalid(String path, String message, Throwable cause) {
        return new OmsValidationException(OmsErrorCode.INVALID_VALUE, path + ": " + message, cause);
    }

    /** A short, printable echo of a vocabulary value for an error message. */
    static String echo(String value) {
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_ECHO) + 5).append('\'');
        for (int i = 0; i < value.length() && i < MAX_ECHO; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (value.length() > MAX_ECHO) {
            b.append("...");
        }
        return b.append('\'').toString();
    }

    /**
     * The gist of a parser's message: up to its first {@code " ("} or {@code ": "} and at most 80 chars, such as
     * {@code Unexpected end-of-input} or {@code Duplicate field 'quantity'} (the parser's own advice names its
     * internals and is dropped).
     */
    static String gist(String message) {
        if (message == null) {
            return "unreadable";
        }
        String m = message;
        for (String stop : new String[] {"\n", " (", ": "}) {
            int i = m.indexOf(stop);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        return m.length() > 80 ? m.substring(0, 80) + "..." : m;
    }

    /** The message of {@code e} without the {@code CODE: } prefix {@link OmsException} puts in front. */
    static String bareMessage(OmsException e) {
        String m = e.getMessage();
        String prefix = e.code().name() + ": ";
        return m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : String.valueOf(m);
    }

    /** A JSON type name for messages. */
    static String kind(com.fasterxml.jackson.databind.JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}

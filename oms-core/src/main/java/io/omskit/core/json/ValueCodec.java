package io.omskit.core.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one Java type is written to and read from a JSON tree.
 *
 * <p>Implementations are immutable and thread-safe. Neither method sees a Java {@code null} or a JSON
 * {@code null}: absent values are handled by the enclosing {@link RecordCodec} or {@link ListCodec}.
 */
interface ValueCodec {

    /** The JSON form of {@code value}, which is not null. */
    JsonNode write(Object value);

    /**
     * The Java value of {@code node}, which is neither missing nor JSON {@code null}.
     *
     * @param path where the node is in the document, such as {@code $.lines[2].quantity}, for error messages
     * @throws io.omskit.spi.OmsValidationException {@code MALFORMED_JSON} for a wrong JSON type,
     *     {@code INVALID_VALUE} for a well-typed but unknown value, or whatever the value's constructor throws
     */
    Object read(JsonNode node, String path);
}

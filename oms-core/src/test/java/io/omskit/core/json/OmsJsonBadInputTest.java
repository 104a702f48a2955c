package io.omskit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.FulfillmentShipped;
import io.omskit.spi.event.LineQuantityMoved;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.PaymentCaptured;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad documents give a typed error with the right code. Most cases start from a sample's valid JSON and change
 * one thing, so each row tests exactly the change it names.
 */
class OmsJsonBadInputTest {
    private static final OmsJson JSON = OmsJson.standard();
    private static final ObjectMapper TREES = new ObjectMapper();
    private static final String MOVED = JSON.write(Samples.events().get(LineQuantityMoved.TYPE));
    private static final String CAPTURED = JSON.write(Samples.events().get(PaymentCaptured.TYPE));
    private static final String PLACED = JSON.write(Samples.events().get(OrderPlaced.TYPE));
    private static final String SNAPSHOT = JSON.writeSnapshot(Samples.snapshot());

    /** {@code base} with {@code from} replaced by {@code to}; fails if {@code from} is not there. */
    private static String change(String base, String from, String to) {
        assertThat(base).as("test setup: base document").contains(from);
        return base.replace(from, to);
    }

    /** {@code json} without its top-level property {@code name}; fails if it has none. */
    private static String without(String json, String name) {
        try {
            ObjectNode tree = (ObjectNode) TREES.readTree(json);
            assertThat(tree.remove(name)).as("test setup: property " + name).isNotNull();
            return TREES.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Arguments event(String name, String json, OmsErrorCode code) {
        return Arguments.of(name, (Consumer<String>) JSON::readEvent, json, code);
    }

    private static Arguments snapshot(String name, String json, OmsErrorCode code) {
        return Arguments.of(name, (Consumer<String>) JSON::readSnapshot, json, code);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // syntax
                event("truncated document", MOVED.substring(0, MOVED.length() - 5), OmsErrorCode.MALFORMED_JSON),
                event("empty document", "", OmsErrorCode.MALFORMED_JSON),
                event("blank document", "  \n ", OmsErrorCode.MALFORMED_JSON),
                event("array at the top", "[" + MOVED + "]", OmsErrorCode.MALFORMED_JSON),
                event("string at the top", "\"order.confirmed.v1\"", OmsErrorCode.MALFORMED_JSON),
                event("trailing content", MOVED + " {}", OmsErrorCode.MALFORMED_JSON),
                event("duplicate property", change(MOVED, "\"quantity\":3", "\"quantity\":3,\"quantity\":4"),
                        OmsErrorCode.MALFORMED_JSON),
                event("comment", change(MOVED, "{", "{/* hi */"), OmsErrorCode.MALFORMED_JSON),
                event("NaN", change(PLACED, "40.7246", "NaN"), OmsErrorCode.MALFORMED_JSON),
                // the type
                event("unknown type", change(MOVED, "line.quantity_moved.v1", "line.quantity_moved.v9"),
                        OmsErrorCode.MALFORMED_JSON),
                event("missing type", change(MOVED, "\"type\":\"line.quantity_moved.v1\",", ""), OmsErrorCode.MALFORMED_JSON),
                event("type not a string", change(MOVED, "\"line.quantity_moved.v1\"", "42"), OmsErrorCode.MALFORMED_JSON),
                event("snapshot read as an event", SNAPSHOT, OmsErrorCode.MALFORMED_JSON),
                // required and typed properties
                event("missing event_id", change(MOVED, "\"event_id\":\"ord-1001-5-1\",", ""), OmsErrorCode.MISSING_VALUE),
                event("null event_id", change(MOVED, "\"ord-1001-5-1\"", "null"), OmsErrorCode.MISSING_VALUE),
                event("blank event_id", change(MOVED, "\"ord-1001-5-1\"", "\"  \""), OmsErrorCode.MISSING_VALUE),
                event("event_id with a control character", change(MOVED, "\"ord-1001-5-1\"", "\"ord\\u0007\""),
                        OmsErrorCode.INVALID_VALUE),
                event("event_id a number", change(MOVED, "\"ord-1001-5-1\"", "51"), OmsErrorCode.MALFORMED_JSON),
                event("missing order_version", change(MOVED, "\"order_version\":5,", ""), OmsErrorCode.MALFORMED_JSON),
                event("null order_version", change(MOVED, "\"order_version\":5", "\"order_version\":null"),
                        OmsErrorCode.MALFORMED_JSON),
                event("order_version zero", change(MOVED, "\"order_version\":5", "\"order_version\":0"),
                        OmsErrorCode.INVALID_VALUE),
                event("order_version a string", change(MOVED, "\"order_version\":5", "\"order_version\":\"5\""),
                        OmsErrorCode.MALFORMED_JSON),
                event("order_version a fraction", change(MOVED, "\"order_version\":5", "\"order_version\":5.5"),
                        OmsErrorCode.MALFORMED_JSON),
                event("negative quantity", change(MOVED, "\"quantity\":3", "\"quantity\":-3"), OmsErrorCode.INVALID_QUANTITY),
                event("zero quantity", change(MOVED, "\"quantity\":3", "\"quantity\":0"), OmsErrorCode.INVALID_QUANTITY),
                event("quantity beyond an int", change(MOVED, "\"quantity\":3", "\"quantity\":3000000000"),
                        OmsErrorCode.MALFORMED_JSON),
                event("unknown property (a typo)", change(MOVED, "\"quantity\":3", "\"quantiy\":3"), OmsErrorCode.MALFORMED_JSON),
                event("extra property", change(MOVED, "\"quantity\":3", "\"quantity\":3,\"note\":\"x\""),
                        OmsErrorCode.MALFORMED_JSON),
                event("unknown bucket name", change(MOVED, "\"to\":\"ALLOCATED\"", "\"to\":\"ALLOCATD\""),
                        OmsErrorCode.INVALID_VALUE),
                event("bucket name in lower case", change(MOVED, "\"to\":\"ALLOCATED\"", "\"to\":\"allocated\""),
                        OmsErrorCode.INVALID_VALUE),
                event("unknown initiator", change(MOVED, "\"SYSTEM\"", "\"ROBOT\""), OmsErrorCode.INVALID_VALUE),
                event("occurred_at not ISO-8601", change(MOVED, "\"2024-03-04T15:51:11Z\"", "\"04/03/2024 15:51\""),
                        OmsErrorCode.INVALID_VALUE),
                event("occurred_at an epoch number", change(MOVED, "\"2024-03-04T15:51:11Z\"", "1709567471"),
                        OmsErrorCode.MALFORMED_JSON),
                // money
                event("unknown currency", change(CAPTURED, "\"USD\"", "\"XYZ\""), OmsErrorCode.INVALID_VALUE),
                event("amount a JSON number", change(CAPTURED, "\"57.49\"", "57.49"), OmsErrorCode.MALFORMED_JSON),
                event("amount with more digits than the currency", change(CAPTURED, "\"57.49\"", "\"57.499\""),
                        OmsErrorCode.INVALID_VALUE),
                event("amount in exponent form", change(CAPTURED, "\"57.49\"", "\"5.749E1\""), OmsErrorCode.INVALID_VALUE),
                event("amount not a number", change(CAPTURED, "\"57.49\"", "\"lots\""), OmsErrorCode.INVALID_VALUE),
                event("amount without currency", change(CAPTURED, ",\"currency\":\"USD\"", ""), OmsErrorCode.MALFORMED_JSON),
                event("amount with an extra property", change(CAPTURED, "\"currency\":\"USD\"", "\"currency\":\"USD\",\"fx\":1"),
                        OmsErrorCode.MALFORMED_JSON),
                event("amount missing", change(CAPTURED, "\"amount\":{\"amount\":\"57.49\",\"currency\":\"USD\"},", ""),
                        OmsErrorCode.MISSING_VALUE),
                event("order currency unknown", change(PLACED, "\"currency\":\"USD\",\"ship_to\"", "\"currency\":\"usd\",\"ship_to\""),
                        OmsErrorCode.INVALID_VALUE),
                event("unit price in another currency than unit cost",
                        change(PLACED, "\"amount\":\"4.10\",\"currency\":\"USD\"", "\"amount\":\"4.10\",\"currency\":\"EUR\""),
                        OmsErrorCode.CURRENCY_MISMATCH),
                // nested values
                event("unknown property in a line", change(PLACED, "\"line_id\":\"ln-2\"", "\"line_id\":\"ln-2\",\"colour\":\"red\""),
                        OmsErrorCode.MALFORMED_JSON),
                event("null element in lines", change(PLACED, "\"lines\":[", "\"lines\":[null,"), OmsErrorCode.MALFORMED_JSON),
                event("line_id an array", change(MOVED,
                        "\"line_id\":\"ln-1\"", "\"line_id\":[\"ln-1\"]"), OmsErrorCode.MALFORMED_JSON),
                event("latitude out of range", change(PLACED, "40.7246", "91.5"), OmsErrorCode.INVALID_VALUE),
                event("flag a string", change(JSON.write(Samples.events().get(FulfillmentShipped.TYPE)),
                        "\"documentation_ok\":true", "\"documentation_ok\":\"true\""), OmsErrorCode.MALFORMED_JSON),
                // snapshots
                snapshot("snapshot: unknown bucket name", change(SNAPSHOT, "\"DELIVERED\":2", "\"DELIVERD\":2"),
                        OmsErrorCode.INVALID_VALUE),
                snapshot("snapshot: negative bucket count", change(SNAPSHOT, "\"DELIVERED\":2,\"RETURN_REQUESTED\":1",
                        "\"DELIVERED\":4,\"RETURN_REQUESTED\":-1"), OmsErrorCode.INVALID_QUANTITY),
                snapshot("snapshot: buckets not adding up to the line quantity", change(SNAPSHOT, "\"DELIVERED\":2",
                        "\"DELIVERED\":5"), OmsErrorCode.INVALID_QUANTITY),
                snapshot("snapshot: bucket count a string", change(SNAPSHOT, "\"DELIVERED\":2", "\"DELIVERED\":\"2\""),
                        OmsErrorCode.MALFORMED_JSON),
                snapshot("snapshot: buckets an array", change(SNAPSHOT, "{\"READY_FOR_PICKUP\":1}", "[\"READY_FOR_PICKUP\"]"),
                        OmsErrorCode.MALFORMED_JSON),
                snapshot("snapshot: wrong type", change(SNAPSHOT, "order.snapshot.v1", "order.snapshot.v2"),
                        OmsErrorCode.MALFORMED_JSON),
                snapshot("snapshot: an event", MOVED, OmsErrorCode.MALFORMED_JSON),
                snapshot("snapshot: version zero", change(SNAPSHOT, "\"version\":14", "\"version\":0"), OmsErrorCode.INVALID_VALUE),
                snapshot("snapshot: misspelt property", change(SNAPSHOT, "\"holds\":", "\"holdz\":"), OmsErrorCode.MALFORMED_JSON),
                snapshot("snapshot: holds missing", without(SNAPSHOT, "holds"), OmsErrorCode.MISSING_VALUE),
                snapshot("snapshot: placed_at missing", without(SNAPSHOT, "placed_at"), OmsErrorCode.MISSING_VALUE),
                event("event: lines missing", without(PLACED, "lines"), OmsErrorCode.MISSING_VALUE),
                snapshot("snapshot: fraud score out of range", change(SNAPSHOT, "\"score\":62", "\"score\":101"),
                        OmsErrorCode.INVALID_VALUE),
                snapshot("snapshot: unknown property in an address", change(SNAPSHOT, "\"line2\":\"Apt 4B\"",
                        "\"line2\":\"Apt 4B\",\"floor\":4"), OmsErrorCode.MALFORMED_JSON));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("table")
    void read_badDocument_throwsTypedError(String name, Consumer<String> reader, String json, OmsErrorCode expected) {
        OmsValidationException e = catchThrowableOfType(OmsValidationException.class, () -> reader.accept(json));

        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).as(name + ": " + e.getMessage()).isEqualTo(expected);
    }

    @Test
    void readEvent_negativeQuantity_propagatesTheRecordsOwnError() {
        OmsValidationException e = catchThrowableOfType(OmsValidationException.class,
                () -> JSON.readEvent(change(MOVED, "\"quantity\":3", "\"quantity\":-3")));

        assertThat(e.getMessage()).isEqualTo("INVALID_QUANTITY: moved quantity must be positive, was -3");
    }

    @Test
    void readEvent_wrongType_namesThePlaceInTheDocument() {
        OmsValidationException e = catchThrowableOfType(OmsValidationException.class,
                () -> JSON.readEvent(change(PLACED, "\"quantity\":2", "\"quantity\":\"2\"")));

        assertThat(e.getMessage()).contains("$.lines[1].quantity").contains("expected a 32-bit integer");
    }

    @Test
    void readSnapshot_badAddress_doesNotRepeatPersonalData() {
        OmsValidationException e = catchThrowableOfType(OmsValidationException.class,
                () -> JSON.readSnapshot(change(SNAPSHOT, "\"line1\":\"12 Example Street\"", "\"line1\":12")));

        assertThat(e.code()).isEqualTo(OmsErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).contains("$.ship_to.line1").doesNotContain("Ada").doesNotContain("Example");
    }

    @Test
    void readEvent_nullDocument_isMissingValue() {
        OmsValidationException e = catchThrowableOfType(OmsValidationException.class, () -> JSON.readEvent(null));

        assertThat(e.code()).isEqualTo(OmsErrorCode.MISSING_VALUE);
    }
}

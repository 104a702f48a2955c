package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.omskit.core.json.OmsJson;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.HoldId;
import io.omskit.spi.model.HoldType;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to {@link OrderDecider#decide} as a table: each row builds an order to a known state, sends one
 * bad command and expects a typed refusal with a given {@link OmsErrorCode}, the order unchanged. A refusal
 * may be a {@link Decision.Rejected} or an {@link OmsException} thrown while the command (or one of its
 * values) is constructed; both are typed errors.
 */
class BadInputTest {

    private static final OrderDecider DECIDER = OrderDecider.standard();
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final OrderId ORDER = OrderId.of("O-bad-1");
    private static final LineId L1 = LineId.of("L1");
    private static final LineId L2 = LineId.of("L2");
    private static final FulfillmentId F1 = FulfillmentId.of("F1");
    private static final Instant AT = CoreGenerators.T0.plusSeconds(3_600);

    // ------------------------------------------------------------------------------------------ fixtures

    /** An order built by accepted commands, with the events that built it. */
    record Given(String label, OrderSnapshot snapshot, List<OrderEvent> events) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Money usd(long minor) {
        return new Money(minor, USD);
    }

    /** L1: 3 x 10.00, L2: 2 x 25.00; 80.00 in all. */
    static List<LineSpec> twoLines() {
        return List.of(new LineSpec(L1, Sku.of("SKU-1"), 3, usd(1_000), null),
                new LineSpec(L2, Sku.of("SKU-2"), 2, usd(2_500), null));
    }

    static OrderCommand.Place place(List<LineSpec> lines) {
        return CoreGenerators.place(ORDER, Channel.of(ChannelType.WEB), USD, false, lines);
    }

    /** Applies accepted commands one after the other; a refusal on the way fails the test. */
    static Given given(String label, OrderCommand... commands) {
        OrderSnapshot s = null;
        List<OrderEvent> events = new ArrayList<>();
        for (OrderCommand c : commands) {
            Decision d = DECIDER.decide(s, c);
            if (!(d instanceof Decision.Accepted)) {
                throw new AssertionError("fixture " + label + ": " + c + " was refused: " + d);
            }
            s = ((Decision.Accepted) d).snapshot();
            events.addAll(((Decision.Accepted) d).events());
        }
        return new Given(label, s, events);
    }

    static Given placed() {
        return given("placed", place(twoLines()));
    }

    static OrderCommand[] confirmedCommands() {
        return new OrderCommand[] {place(twoLines()),
            new OrderCommand.RecordAuthorization(usd(8_000), "auth-1", AT),
            new OrderCommand.RecordFraudAssessment(new FraudAssessment(FraudDecision.ACCEPT, 3, List.of()), AT)};
    }

    static Given confirmed() {
        return given("confirmed", confirmedCommands());
    }

    static OrderCommand[] upTo(String step) {
        List<OrderCommand> cs = new ArrayList<>(List.of(confirmedCommands()));
        List<OrderCommand> path = List.of(
                new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(F1, CoreGenerators.DC_EAST,
                        false, List.of(new FulfillmentLine(L1, 3), new FulfillmentLine(L2, 2)), "res-1")), AT),
                new OrderCommand.Release(F1, AT),
                new OrderCommand.Pick(F1, List.of(), AT),
                new OrderCommand.Pack(F1, AT),
                new OrderCommand.Ship(F1, "ups", "1Z1", AT),
                new OrderCommand.Deliver(F1, false, AT));
        List<String> names = List.of("allocated", "released", "picked", "packed", "shipped", "delivered");
        for (int i = 0; i <= names.indexOf(step); i++) {
            cs.add(path.get(i));
        }
        return cs.toArray(new OrderCommand[0]);
    }

    static Given at(String step) {
        return given(step, upTo(step));
    }

    static Given capturedAll() {
        List<OrderCommand> cs = new ArrayList<>(List.of(confirmedCommands()));
        cs.add(new OrderCommand.RecordCapture(usd(8_000), "cap-1", AT));
        return given("captured 80.00", cs.toArray(new OrderCommand[0]));
    }

    static Given capturedPart() {
        List<OrderCommand> cs = new ArrayList<>(List.of(confirmedCommands()));
        cs.add(new OrderCommand.RecordCapture(usd(3_000), "cap-1", AT));
        return given("captured 30.00 of 80.00", cs.toArray(new OrderCommand[0]));
    }

    static Given onHold() {
        List<OrderCommand> cs = new ArrayList<>(List.of(upTo("allocated")));
        cs.add(new OrderCommand.PlaceHold(HoldId.of("H1"), HoldType.MANUAL, "call customer", "ops", null, AT));
        return given("allocated, on hold", cs.toArray(new OrderCommand[0]));
    }

    static Given cancelled() {
        return given("cancelled", place(twoLines()),
                new OrderCommand.CancelOrder(Initiator.CUSTOMER, "customer_request", AT));
    }

    static Given shippedAndTracked() {
        List<OrderCommand> cs = new ArrayList<>(List.of(upTo("shipped")));
        cs.add(new OrderCommand.RecordTracking(F1, "evt-1", "IN_TRANSIT", "left the hub", AT));
        return given("shipped, one tracking event", cs.toArray(new OrderCommand[0]));
    }

    static Given returnApproved() {
        List<OrderCommand> cs = new ArrayList<>(List.of(upTo("delivered")));
        cs.add(new OrderCommand.RequestReturn(ReturnId.of("R1"), List.of(new OrderCommand.ReturnItem(L1, 2, "x")), AT));
        cs.add(new OrderCommand.ApproveReturn(ReturnId.of("R1"), AT));
        return given("delivered, return of 2 x L1 approved", cs.toArray(new OrderCommand[0]));
    }

    static Given holdReleased() {
        return given("placed, hold placed and released", place(twoLines()),
                new OrderCommand.PlaceHold(HoldId.of("H1"), HoldType.MANUAL, "x", "ops", null, AT),
                new OrderCommand.ReleaseHold(HoldId.of("H1"), "ops", AT));
    }

    static Given pickupPacked() {
        OrderCommand.Place p = CoreGenerators.place(ORDER, Channel.of(ChannelType.APP), USD, true, twoLines());
        List<OrderCommand> cs = new ArrayList<>();
        cs.add(p);
        cs.add(new OrderCommand.RecordAuthorization(usd(8_000), "auth-1", AT));
        cs.add(new OrderCommand.RecordFraudAssessment(new FraudAssessment(FraudDecision.ACCEPT, 3, List.of()), AT));
        cs.add(new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(F1, CoreGenerators.STORE, true,
                List.of(new FulfillmentLine(L1, 3), new FulfillmentLine(L2, 2)), null)), AT));
        cs.add(new OrderCommand.Release(F1, AT));
        cs.add(new OrderCommand.Pick(F1, List.of(), AT));
        cs.add(new OrderCommand.Pack(F1, AT));
        return given("pickup order packed", cs.toArray(new OrderCommand[0]));
    }

    // ------------------------------------------------------------------------------------------ the table

    /**
     * One row: an order (or none, for a capture), a bad command built lazily (its construction may be the
     * refusal), the expected code.
     */
    record Case(Supplier<Given> given, Function<OrderSnapshot, OrderCommand> command, OmsErrorCode expected) {
    }

    private static Arguments row(String name, Supplier<Given> given, Function<OrderSnapshot, OrderCommand> command,
                                 OmsErrorCode expected) {
        return Arguments.of(Named.of(name + " -> " + expected, new Case(given, command, expected)));
    }

    private static Arguments row(String name, Supplier<Given> given, Supplier<OrderCommand> command,
                                 OmsErrorCode expected) {
        return row(name, given, s -> command.get(), expected);
    }

    static Stream<Arguments> decideCases() {
        Supplier<Given> none = () -> new Given("no order", null, List.of());
        return Stream.of(
                // --- null
                row("null command", BadInputTest::placed, s -> null, OmsErrorCode.MISSING_VALUE),
                row("null snapshot for a command other than Place", none,
                        () -> new OrderCommand.Release(F1, AT), OmsErrorCode.MISSING_VALUE),
                row("null line id in a cancellation", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(null, 1, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.MISSING_VALUE),
                row("null amount in a capture", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordCapture(null, "cap-9", AT), OmsErrorCode.MISSING_VALUE),
                row("null lines at placement", none, () -> place(null), OmsErrorCode.MISSING_VALUE),
                // --- zero or negative quantity
                row("zero quantity cancelled", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(L1, 0, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.INVALID_QUANTITY),
                row("negative quantity cancelled", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(L1, -2, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.INVALID_QUANTITY),
                row("zero quantity line at placement", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 0, usd(100), null))),
                        OmsErrorCode.INVALID_QUANTITY),
                row("negative quantity in a return", () -> at("delivered"),
                        () -> new OrderCommand.RequestReturn(ReturnId.of("R1"),
                                List.of(new OrderCommand.ReturnItem(L1, -1, "x")), AT),
                        OmsErrorCode.INVALID_QUANTITY),
                row("zero quantity in an allocation", BadInputTest::confirmed,
                        () -> new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(F1,
                                CoreGenerators.DC_EAST, false, List.of(new FulfillmentLine(L1, 0)), null)), AT),
                        OmsErrorCode.INVALID_QUANTITY),
                // --- unknown ids
                row("unknown line cancelled", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(CoreGenerators.UNKNOWN_LINE, 1, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.UNKNOWN_LINE),
                row("unknown line allocated", BadInputTest::confirmed,
                        () -> new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(F1,
                                CoreGenerators.DC_EAST, false,
                                List.of(new FulfillmentLine(CoreGenerators.UNKNOWN_LINE, 1)), null)), AT),
                        OmsErrorCode.UNKNOWN_LINE),
                row("unknown line returned", () -> at("delivered"),
                        () -> new OrderCommand.RequestReturn(ReturnId.of("R1"),
                                List.of(new OrderCommand.ReturnItem(CoreGenerators.UNKNOWN_LINE, 1, "x")), AT),
                        OmsErrorCode.UNKNOWN_LINE),
                row("unknown fulfillment released", () -> at("allocated"),
                        () -> new OrderCommand.Release(CoreGenerators.UNKNOWN_FULFILLMENT, AT),
                        OmsErrorCode.UNKNOWN_FULFILLMENT),
                row("unknown fulfillment shipped", () -> at("packed"),
                        () -> new OrderCommand.Ship(CoreGenerators.UNKNOWN_FULFILLMENT, "ups", "1Z9", AT),
                        OmsErrorCode.UNKNOWN_FULFILLMENT),
                row("unknown return approved", () -> at("delivered"),
                        () -> new OrderCommand.ApproveReturn(CoreGenerators.UNKNOWN_RETURN, AT),
                        OmsErrorCode.UNKNOWN_RETURN),
                row("unknown return closed", () -> at("delivered"),
                        () -> new OrderCommand.CloseReturn(CoreGenerators.UNKNOWN_RETURN, Resolution.REFUND, AT),
                        OmsErrorCode.UNKNOWN_RETURN),
                row("unknown hold released", BadInputTest::placed,
                        () -> new OrderCommand.ReleaseHold(CoreGenerators.UNKNOWN_HOLD, "ops", AT),
                        OmsErrorCode.UNKNOWN_HOLD),
                // --- currency
                row("authorization in a foreign currency", BadInputTest::placed,
                        () -> new OrderCommand.RecordAuthorization(new Money(8_000, EUR), "auth-9", AT),
                        OmsErrorCode.CURRENCY_MISMATCH),
                row("capture in a foreign currency", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordCapture(new Money(1_000, EUR), "cap-9", AT),
                        OmsErrorCode.CURRENCY_MISMATCH),
                row("refund in a foreign currency", BadInputTest::capturedAll,
                        () -> new OrderCommand.RecordRefund(new Money(1_000, EUR), "ref-9", null, AT),
                        OmsErrorCode.CURRENCY_MISMATCH),
                row("line priced in a foreign currency at placement", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 1, new Money(100, EUR), null))),
                        OmsErrorCode.CURRENCY_MISMATCH),
                row("unit cost in another currency than the unit price", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 1, usd(100), new Money(50, EUR)))),
                        OmsErrorCode.CURRENCY_MISMATCH),
                // --- over-quantities and wrong states
                row("cancelling more than is open", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(L1, 4, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("cancelling shipped units", () -> at("shipped"),
                        () -> new OrderCommand.CancelLine(L1, 1, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("allocating more than is pending", BadInputTest::confirmed,
                        () -> new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(F1,
                                CoreGenerators.DC_EAST, false, List.of(new FulfillmentLine(L1, 4)), null)), AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("returning more than was delivered", () -> at("delivered"),
                        () -> new OrderCommand.RequestReturn(ReturnId.of("R1"),
                                List.of(new OrderCommand.ReturnItem(L1, 4, "x")), AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("shipping before packing (picked fulfillment)", () -> at("picked"),
                        () -> new OrderCommand.Ship(F1, "ups", "1Z9", AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("shipping a planned fulfillment", () -> at("allocated"),
                        () -> new OrderCommand.Ship(F1, "ups", "1Z9", AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("shipping twice", () -> at("shipped"),
                        () -> new OrderCommand.Ship(F1, "ups", "1Z9", AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("delivering an unshipped fulfillment", () -> at("packed"),
                        () -> new OrderCommand.Deliver(F1, false, AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("releasing while on hold", BadInputTest::onHold,
                        () -> new OrderCommand.Release(F1, AT), OmsErrorCode.ORDER_ON_HOLD),
                row("cancelling the order after shipment", () -> at("shipped"),
                        () -> new OrderCommand.CancelOrder(Initiator.CUSTOMER, "customer_request", AT),
                        OmsErrorCode.ALREADY_SHIPPED),
                // --- money
                row("capturing more than authorized", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordCapture(usd(8_001), "cap-9", AT),
                        OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED),
                row("capturing more than is left of the authorization", BadInputTest::capturedPart,
                        () -> new OrderCommand.RecordCapture(usd(5_001), "cap-9", AT),
                        OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED),
                row("refunding more than captured", BadInputTest::capturedPart,
                        () -> new OrderCommand.RecordRefund(usd(3_001), "ref-9", null, AT),
                        OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED),
                row("refunding with nothing captured", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordRefund(usd(1), "ref-9", null, AT),
                        OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED),
                row("voiding what was captured", BadInputTest::capturedAll,
                        () -> new OrderCommand.RecordVoid(usd(1), "void-9", AT),
                        OmsErrorCode.PAYMENT_AMOUNT_EXCEEDED),
                row("blank provider reference", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordCapture(usd(100), " ", AT), OmsErrorCode.MISSING_VALUE),
                // --- placement
                row("duplicate line id at placement", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 1, usd(100), null),
                                new LineSpec(L1, Sku.of("SKU-2"), 1, usd(100), null))),
                        OmsErrorCode.DUPLICATE_ID),
                row("duplicate SKU at placement", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 1, usd(100), null),
                                new LineSpec(L2, Sku.of("SKU-1"), 1, usd(100), null))),
                        OmsErrorCode.DUPLICATE_SKU_LINE),
                row("empty order", none, () -> place(List.of()), OmsErrorCode.EMPTY_ORDER),
                row("placing an order that exists", BadInputTest::placed, () -> place(twoLines()),
                        OmsErrorCode.DUPLICATE_ID),
                row("allocating on an unconfirmed order", BadInputTest::placed,
                        () -> new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(F1,
                                CoreGenerators.DC_EAST, false, List.of(new FulfillmentLine(L1, 1)), null)), AT),
                        OmsErrorCode.ILLEGAL_TRANSITION),
                // --- more states
                row("capturing on a cancelled order", BadInputTest::cancelled,
                        () -> new OrderCommand.RecordCapture(usd(100), "cap-9", AT), OmsErrorCode.ORDER_CLOSED),
                row("cancelling a cancelled order", BadInputTest::cancelled,
                        () -> new OrderCommand.CancelOrder(Initiator.CUSTOMER, "again", AT), OmsErrorCode.ORDER_CLOSED),
                row("fraud assessment after confirmation", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordFraudAssessment(new FraudAssessment(FraudDecision.REJECT, 90,
                                List.of()), AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("releasing a hold twice", BadInputTest::holdReleased,
                        () -> new OrderCommand.ReleaseHold(HoldId.of("H1"), "ops", AT), OmsErrorCode.UNKNOWN_HOLD),
                row("repeated carrier tracking event", BadInputTest::shippedAndTracked,
                        () -> new OrderCommand.RecordTracking(F1, "evt-1", "IN_TRANSIT", null, AT),
                        OmsErrorCode.DUPLICATE_ID),
                row("shipping a pickup fulfillment", BadInputTest::pickupPacked,
                        () -> new OrderCommand.Ship(F1, "ups", "1Z9", AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("ready for pickup on a shipped-type fulfillment", () -> at("packed"),
                        () -> new OrderCommand.ReadyForPickup(F1, AT), OmsErrorCode.ILLEGAL_TRANSITION),
                row("returning undelivered units", () -> at("shipped"),
                        () -> new OrderCommand.RequestReturn(ReturnId.of("R1"),
                                List.of(new OrderCommand.ReturnItem(L1, 1, "x")), AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("receiving more than the return awaits", BadInputTest::returnApproved,
                        () -> new OrderCommand.ReceiveReturn(ReturnId.of("R1"), CoreGenerators.DC_EAST,
                                List.of(new OrderCommand.ReceivedItem(L1, 3)), AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("receiving a line the return does not have", BadInputTest::returnApproved,
                        () -> new OrderCommand.ReceiveReturn(ReturnId.of("R1"), CoreGenerators.DC_EAST,
                                List.of(new OrderCommand.ReceivedItem(L2, 1)), AT),
                        OmsErrorCode.UNKNOWN_LINE),
                row("picking more than the fulfillment carries", () -> at("released"),
                        () -> new OrderCommand.Pick(F1, List.of(new FulfillmentLine(L1, 4)), AT),
                        OmsErrorCode.INSUFFICIENT_QUANTITY),
                row("a line twice in one pick", () -> at("released"),
                        () -> new OrderCommand.Pick(F1, List.of(new FulfillmentLine(L1, 1),
                                new FulfillmentLine(L1, 1)), AT),
                        OmsErrorCode.DUPLICATE_ID),
                // --- amounts and values
                row("capturing zero", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordCapture(usd(0), "cap-9", AT), OmsErrorCode.INVALID_VALUE),
                row("authorizing a negative amount", BadInputTest::placed,
                        () -> new OrderCommand.RecordAuthorization(usd(-100), "auth-9", AT), OmsErrorCode.INVALID_VALUE),
                row("provider reference recorded twice", BadInputTest::confirmed,
                        () -> new OrderCommand.RecordAuthorization(usd(100), "auth-1", AT), OmsErrorCode.DUPLICATE_ID),
                row("negative unit price", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 1, usd(-1), null))),
                        OmsErrorCode.INVALID_VALUE),
                row("unknown currency code", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU-1"), 1, Money.ofMinor(100, "XYZ"), null))),
                        OmsErrorCode.INVALID_VALUE),
                row("fraud score above 100", BadInputTest::placed,
                        () -> new OrderCommand.RecordFraudAssessment(new FraudAssessment(FraudDecision.ACCEPT, 101,
                                List.of()), AT), OmsErrorCode.INVALID_VALUE),
                row("blank line id", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(LineId.of(" "), 1, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.MISSING_VALUE),
                row("control character in a SKU", none,
                        () -> place(List.of(new LineSpec(L1, Sku.of("SKU\u00071"), 1, usd(100), null))),
                        OmsErrorCode.INVALID_VALUE),
                row("id longer than 128 characters", BadInputTest::placed,
                        () -> new OrderCommand.CancelLine(LineId.of("L".repeat(129)), 1, Initiator.CUSTOMER, "x", AT),
                        OmsErrorCode.INVALID_VALUE),
                row("duplicate fulfillment id", () -> at("allocated"),
                        () -> new OrderCommand.FillBackorder(new OrderCommand.PlannedFulfillment(F1,
                                CoreGenerators.DC_WEST, false, List.of(new FulfillmentLine(L1, 1)), null), AT),
                        OmsErrorCode.DUPLICATE_ID)
        );
    }

    @Nested
    @DisplayName("decide")
    class Decide {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.omskit.core.BadInputTest#decideCases")
        void decide_badInput_isRefusedWithItsCodeAndChangesNothing(Case c) {
            Given given = c.given().get();
            OrderSnapshot before = given.snapshot();
            long version = before == null ? 0 : before.version();
            OrderCommand command;
            try {
                command = c.command().apply(before);
            } catch (OmsException e) {
                assertThat(e.code()).as("constructor refusal %s", e.getMessage()).isEqualTo(c.expected());
                assertUnchanged(given, version);
                return;
            }
            Decision d;
            try {
                d = DECIDER.decide(before, command);
            } catch (OmsException e) {
                assertThat(e.code()).as("thrown by decide: %s", e.getMessage()).isEqualTo(c.expected());
                assertUnchanged(given, version);
                return;
            } catch (RuntimeException e) {
                fail("decide threw an untyped " + e + " instead of " + c.expected(), e);
                return;
            }
            assertThat(d).as("decision on %s", given).isInstanceOf(Decision.Rejected.class);
            Decision.Rejected r = (Decision.Rejected) d;
            assertThat(r.code()).as("code; message: %s", r.message()).isEqualTo(c.expected());
            assertThat(r.message()).isNotBlank();
            assertUnchanged(given, version);
        }

        private void assertUnchanged(Given given, long version) {
            if (given.snapshot() == null) {
                return;
            }
            assertThat(given.snapshot().version()).isEqualTo(version);
            assertThat(DECIDER.replay(given.events())).as("the order is still the fold of its events")
                    .isEqualTo(given.snapshot());
        }
    }

    @Nested
    @DisplayName("fixtures")
    class Fixtures {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.omskit.core.BadInputTest#fixtureSteps")
        void fixture_happyPath_reachesItsState(String step, OrderStatus status, Bucket bucket) {
            OrderSnapshot s = at(step).snapshot();
            assertThat(s.status()).isEqualTo(status);
            assertThat(s.units(bucket)).isEqualTo(5);
        }
    }

    static Stream<Arguments> fixtureSteps() {
        return Stream.of(
                Arguments.of("allocated", OrderStatus.CONFIRMED, Bucket.ALLOCATED),
                Arguments.of("released", OrderStatus.CONFIRMED, Bucket.RELEASED),
                Arguments.of("picked", OrderStatus.CONFIRMED, Bucket.PICKED),
                Arguments.of("packed", OrderStatus.CONFIRMED, Bucket.PACKED),
                Arguments.of("shipped", OrderStatus.CONFIRMED, Bucket.SHIPPED),
                Arguments.of("delivered", OrderStatus.CONFIRMED, Bucket.DELIVERED));
    }

    @Nested
    @DisplayName("JSON")
    class Json {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.omskit.core.BadInputTest#jsonCases")
        void readEvent_malformedDocument_isRefusedAsMalformedJson(String json) {
            try {
                OmsJson.standard().readEvent(json);
                fail("accepted " + json);
            } catch (OmsException e) {
                assertThat(e.code()).as(e.getMessage()).isEqualTo(OmsErrorCode.MALFORMED_JSON);
            }
        }
    }

    static Stream<Arguments> jsonCases() {
        return Stream.of(
                Arguments.of(Named.of("truncated object", "{")),
                Arguments.of(Named.of("not JSON", "order placed")),
                Arguments.of(Named.of("an array instead of an object", "[1,2]")),
                Arguments.of(Named.of("trailing content", "{} {}")));
    }
}

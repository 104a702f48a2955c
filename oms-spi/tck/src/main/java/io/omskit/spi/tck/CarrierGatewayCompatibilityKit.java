package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.ProviderException;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.RateQuote;
import io.omskit.spi.port.ShipmentRequest;
import io.omskit.spi.port.ShippingLabel;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract kit of {@link CarrierGateway}: extend it in your test sources, implement
 * {@link #createCarrier()}, and the rules R6.1 to R6.4 run against your adapter, named
 * {@code required_R6_<n>_...} and {@code optional_R6_4_...}.
 * Not thread-safe itself: JUnit makes one instance per test.
 *
 * <p>Shipments come from {@link #shipmentRequest()} (Hamburg to Berlin, one unit, by default); override it
 * when your carrier serves other routes.
 *
 * <p>Optional capabilities, declared and not disabled: {@link #supportsTrackingEvents()} (R6.4; true by
 * default, a carrier that only pushes events returns false), {@link #canAdvanceTime()} with
 * {@link #advanceTime}, to watch a parcel reach its end, and {@link #supportsPeers()} with {@link #createPeer}, to
 * check that a key is known to every adapter instance over one carrier account (the {@code optional_R6_2_...} and
 * {@code optional_R6_3_...} tests of the {@code Peers} group), as several application servers sharing one
 * database need.
 */
public abstract class CarrierGatewayCompatibilityKit {

    /** The carrier under test, made by {@link #createCarrier()} before each test. */
    protected CarrierGateway carrier;

    /** A carrier to test. Called before each test. */
    protected abstract CarrierGateway createCarrier();

    /** A new shipment this carrier serves; each call a new order and fulfillment. */
    protected ShipmentRequest shipmentRequest() {
        return Fixtures.shipment();
    }

    /** Whether {@link CarrierGateway#trackingEvents} answers (R6.4); true by default. */
    protected boolean supportsTrackingEvents() {
        return true;
    }

    /** Whether the kit may move the carrier's clock with {@link #advanceTime} (false by default). */
    protected boolean canAdvanceTime() {
        return false;
    }

    /** Moves the carrier's clock forward. Called only when {@link #canAdvanceTime()} is true. */
    protected void advanceTime(Duration amount) {
        throw new UnsupportedOperationException("declare canAdvanceTime() and implement advanceTime()");
    }

    /**
     * Whether the provider refuses a call whose key is still in flight on another adapter instance, which the
     * adapter then throws as a {@link io.omskit.spi.ProviderException} for the engine to repeat (an HTTP 409
     * "idempotency key in use", say); false by default. Declared, the {@code Peers} races accept such a contender when
     * its repeat returns the first outcome; undeclared, every contender must succeed (an adapter that applied a call
     * twice and then refused the loser would otherwise pass). Declare it only when the provider itself refuses keys
     * in flight and applies each key once.
     */
    protected boolean refusesKeysInFlight() {
        return false;
    }

    /**
     * Whether the kit may make a second adapter instance over the same carrier state with {@link #createPeer}
     * (false by default). Declare it whenever your adapter can be made twice in one test (two clients on one
     * sandbox account, two adapters over one store of keys): several application servers running the engine on
     * one database each have their own adapter, and one server may repeat, with the same key, a label request
     * another server started. An adapter that remembers keys per instance passes every other test of this kit and
     * buys two labels then.
     */
    protected boolean supportsPeers() {
        return false;
    }

    /**
     * Another instance over the same carrier state as {@code first}, as a second server would have: a new adapter
     * object, on the same carrier account, or over the same store of keys (not {@code first} itself, nor a wrapper or
     * view of it: a view tests nothing). Called at most once per test, only when {@link #supportsPeers()} is true.
     * Close what it opens yourself: for instance one peer's resources for the whole test class, closed in an
     * {@code @AfterAll}, as the PostgreSQL example does.
     */
    protected CarrierGateway createPeer(CarrierGateway first) {
        throw new UnsupportedOperationException("declare supportsPeers() and implement createPeer()");
    }

    /** Contenders in the concurrency tests (8 by default). */
    protected int threads() {
        return 8;
    }

    /**
     * Rounds of each concurrency test (20 by default: one round lets a check-then-act race pass about three times in
     * four on a 2-core machine); lower it for a slow remote carrier.
     */
    protected int rounds() {
        return 20;
    }

    @BeforeEach
    void createCarrierUnderTest() {
        carrier = createCarrier();
        assertThat(carrier).as("createCarrier() result").isNotNull();
    }

    private static final Set<TrackingStatus> FINAL =
            EnumSet.of(TrackingStatus.DELIVERED, TrackingStatus.DELIVERY_FAILED, TrackingStatus.RETURNED_TO_SENDER);

    @Nested
    @DisplayName("R6.1: rate quotes")
    class Quotes {

        @Test
        @DisplayName("R6.1 a valid request gets at least one quote, cheapest first")
        void required_R6_1_quote_returnsAtLeastOneCheapestFirst() {
            List<RateQuote> quotes = carrier.quote(shipmentRequest());

            assertThat(quotes).isNotEmpty();
            for (int i = 1; i < quotes.size(); i++) {
                assertThat(quotes.get(i).price().compareTo(quotes.get(i - 1).price()))
                        .as("quotes must come cheapest first, but quote %d (%s) costs less than quote %d (%s)",
                                i, quotes.get(i).price(), i - 1, quotes.get(i - 1).price())
                        .isGreaterThanOrEqualTo(0);
            }
        }

        @Test
        @DisplayName("R6.1 quoting twice buys nothing and gives quotes again")
        void required_R6_1_quoteTwice_returnsQuotesBothTimes() {
            ShipmentRequest r = shipmentRequest();

            assertThat(carrier.quote(r)).isNotEmpty();
            assertThat(carrier.quote(r)).isNotEmpty();
        }
    }

    @Nested
    @DisplayName("R6.2, R6.3: labels")
    class Labels {

        @Test
        @DisplayName("R6.2 repeating a label's key returns the same label")
        void required_R6_2_repeatCreateLabel_returnsSameLabel() {
            ShipmentRequest r = shipmentRequest();
            String key = Fixtures.unique("label");

            ShippingLabel first = carrier.createLabel(key, r);
            ShippingLabel again = carrier.createLabel(key, r);

            assertThat(again).isEqualTo(first);
            assertThat(again.trackingNumber()).isEqualTo(first.trackingNumber());
        }

        @Test
        @DisplayName("R6.2 a repeat rebuilt with another origin or unit count returns the first label")
        void required_R6_2_repeatWithARebuiltRequest_returnsTheFirstLabel() {
            ShipmentRequest r = shipmentRequest();
            String key = Fixtures.unique("label");
            ShippingLabel first = carrier.createLabel(key, r);

            // the engine resumes after a crash and rebuilds the request: the origin location was moved meanwhile
            ShipmentRequest rebuilt = new ShipmentRequest(r.orderId(), r.fulfillmentId(), null, r.destination(),
                    r.units());
            assertThat(carrier.createLabel(key, rebuilt).trackingNumber()).isEqualTo(first.trackingNumber());
        }

        @Test
        @DisplayName("R6.2 concurrent requests with one key get one label")
        void required_R6_2_concurrentCreateLabelWithOneKey_returnsOneLabel() {
            for (int round = 0; round < rounds(); round++) {
                labelRace();
            }
        }

        private void labelRace() {
            ShipmentRequest r = shipmentRequest();
            String key = Fixtures.unique("label");

            List<Race.Outcome<ShippingLabel>> outcomes = Race.run(threads(), i -> () -> carrier.createLabel(key, r));

            Set<String> numbers = new HashSet<>();
            for (Race.Outcome<ShippingLabel> o : outcomes) {
                assertThat(o.error()).isNull();
                numbers.add(o.value().trackingNumber());
            }
            assertThat(numbers).hasSize(1);
        }

        @Test
        @DisplayName("R6.3 different keys get different tracking numbers, also concurrently")
        void required_R6_3_differentKeys_getDifferentTrackingNumbers() {
            Set<String> numbers = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                numbers.add(carrier.createLabel(Fixtures.unique("label"), shipmentRequest()).trackingNumber());
            }
            List<Race.Outcome<ShippingLabel>> outcomes = Race.run(threads(),
                    i -> () -> carrier.createLabel(Fixtures.unique("label"), shipmentRequest()));
            for (Race.Outcome<ShippingLabel> o : outcomes) {
                assertThat(o.error()).isNull();
                numbers.add(o.value().trackingNumber());
            }

            assertThat(numbers).hasSize(5 + threads());
        }

        @Test
        @DisplayName("R6.3 two labels of the same shipment under different keys are two labels")
        void required_R6_3_sameRequestDifferentKeys_getDifferentTrackingNumbers() {
            ShipmentRequest r = shipmentRequest();

            ShippingLabel one = carrier.createLabel(Fixtures.unique("label"), r);
            ShippingLabel two = carrier.createLabel(Fixtures.unique("label"), r);

            assertThat(one.trackingNumber()).isNotEqualTo(two.trackingNumber());
        }

        @Test
        @DisplayName("R6.3 keys that differ only in case or trailing spaces are different keys")
        void required_R6_3_keysDifferingInCaseOrSpaces_getDifferentTrackingNumbers() {
            String k = Fixtures.unique("Label");
            Set<String> numbers = new HashSet<>();
            // a key store that folds case would hand one order the other order's label
            for (String variant : List.of(k, k.toUpperCase(java.util.Locale.ROOT), k + " ")) {
                numbers.add(carrier.createLabel(variant, shipmentRequest()).trackingNumber());
            }
            assertThat(numbers).hasSize(3);
        }
    }

    @Nested
    @DisplayName("R6.2, R6.3 (optional: peers): keys across two adapter instances over one carrier, as two servers have")
    class Peers {
        private CarrierGateway peer;

        @BeforeEach
        void createPeerOfCarrierUnderTest() {
            Assumptions.assumeTrue(supportsPeers(), "optional capability not declared: supportsPeers() is false");
            peer = createPeer(carrier);
            assertThat(peer).as("createPeer() result").isNotNull().isNotSameAs(carrier);
        }

        @Test
        @DisplayName("R6.2 (peers) a label repeated on the other instance is the first label")
        void optional_R6_2_labelRepeatedOnPeer_returnsTheFirstLabel() {
            ShipmentRequest r = shipmentRequest();
            String key = Fixtures.unique("label");

            ShippingLabel first = carrier.createLabel(key, r);
            ShippingLabel again = peer.createLabel(key, r);

            assertThat(again.trackingNumber()).as("the repeat on the second server").isEqualTo(first.trackingNumber());
            assertThat(again).isEqualTo(first);
        }

        @Test
        @DisplayName("R6.4 (peers, tracking) a parcel one instance bought is tracked alike on the other")
        void optional_R6_4_labelBoughtOnOneInstance_isTrackedAlikeOnTheOther() {
            Assumptions.assumeTrue(supportsTrackingEvents(),
                    "optional capability not declared: supportsTrackingEvents() is false");
            ShippingLabel label = carrier.createLabel(Fixtures.unique("label"), shipmentRequest());

            assertSeenAlike(label.trackingNumber());
            if (canAdvanceTime()) {
                advanceTime(Duration.ofDays(30));
                assertThat(carrier.trackingEvents(label.trackingNumber())).as("a parcel 30 days on").isNotEmpty();
                assertSeenAlike(label.trackingNumber());
            }
        }

        /**
         * The other server sees the parcel's events as this one does: read here, there, here again (a parcel may
         * move between two reads), the other server's events are a continuation of the first read and the start of
         * the second, event by event.
         */
        private void assertSeenAlike(String trackingNumber) {
            List<TrackingEvent> before = carrier.trackingEvents(trackingNumber);
            List<TrackingEvent> there = peer.trackingEvents(trackingNumber);
            List<TrackingEvent> after = carrier.trackingEvents(trackingNumber);
            assertThat(there).as("the parcel's events seen from the other server, between two reads here")
                    .hasSizeBetween(before.size(), after.size());
            assertThat(there.subList(0, before.size())).as("the first read's events, from the other server")
                    .isEqualTo(before);
            assertThat(after.subList(0, there.size())).as("the other server's events, read here again")
                    .isEqualTo(there);
        }

        @Test
        @DisplayName("R6.2 (peers) a key first used on the other instance is known to this one")
        void optional_R6_2_keyFirstSeenOnPeer_isKnownToTheFirstInstance() {
            ShipmentRequest r = shipmentRequest();
            String key = Fixtures.unique("label");

            ShippingLabel first = peer.createLabel(key, r);
            ShippingLabel again = carrier.createLabel(key, r);

            assertThat(again.trackingNumber()).as("the repeat on the first server").isEqualTo(first.trackingNumber());
            assertThat(again).isEqualTo(first);
        }

        @Test
        @DisplayName("R6.2 (peers) concurrent requests with one key on both instances get one label")
        void optional_R6_2_concurrentCreateLabelWithOneKeyOnBothInstances_returnsOneLabel() {
            // two servers find one fulfillment without its label and buy it at the same moment
            for (int round = 0; round < rounds(); round++) {
                ShipmentRequest r = shipmentRequest();
                String key = Fixtures.unique("label");

                List<Race.Outcome<ShippingLabel>> outcomes = Race.run(threads(),
                        i -> () -> (i % 2 == 0 ? carrier : peer).createLabel(key, r));

                Set<String> numbers = new HashSet<>();
                for (int i = 0; i < outcomes.size(); i++) {
                    Race.Outcome<ShippingLabel> o = outcomes.get(i);
                    if (o.succeeded()) {
                        numbers.add(o.value().trackingNumber());
                    } else {
                        // a carrier may refuse a key still in flight on another server; the engine repeats the call
                        assertThat(refusesKeysInFlight()).as("a contender failed (%s): only a carrier that refuses"
                                + " keys in flight may fail one (declare refusesKeysInFlight())", o.error()).isTrue();
                        assertThat(o.error()).as("a contender may only fail as a provider error the engine repeats")
                                .isInstanceOf(ProviderException.class);
                        numbers.add((i % 2 == 0 ? carrier : peer).createLabel(key, r).trackingNumber());
                    }
                }
                assertThat(numbers).as("tracking numbers of one key on two servers").hasSize(1);
            }
        }

        @Test
        @DisplayName("R6.3 (peers) different keys on the two instances get different tracking numbers, also concurrently")
        void optional_R6_3_differentKeysOnBothInstances_getDifferentTrackingNumbers() {
            Set<String> numbers = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                numbers.add(carrier.createLabel(Fixtures.unique("label"), shipmentRequest()).trackingNumber());
                numbers.add(peer.createLabel(Fixtures.unique("label"), shipmentRequest()).trackingNumber());
            }
            List<Race.Outcome<ShippingLabel>> outcomes = Race.run(threads(),
                    i -> () -> (i % 2 == 0 ? carrier : peer).createLabel(Fixtures.unique("label"), shipmentRequest()));
            for (Race.Outcome<ShippingLabel> o : outcomes) {
                assertThat(o.error()).isNull();
                numbers.add(o.value().trackingNumber());
            }

            assertThat(numbers).as("one tracking number per key, whichever server bought it").hasSize(6 + threads());
        }
    }

    @Nested
    @DisplayName("R6.4 (optional): tracking events")
    class Tracking {

        private void assumeTracking() {
            Assumptions.assumeTrue(supportsTrackingEvents(),
                    "optional capability not declared: supportsTrackingEvents() is false");
        }

        private void assertWellFormed(List<TrackingEvent> events, String trackingNumber) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                TrackingEvent e = events.get(i);
                assertThat(e.trackingNumber()).isEqualTo(trackingNumber);
                assertThat(ids.add(e.eventId())).as("event id %s listed once", e.eventId()).isTrue();
                if (i > 0) {
                    assertThat(e.at()).as("event %d in time order", i).isAfterOrEqualTo(events.get(i - 1).at());
                }
            }
        }

        @Test
        @DisplayName("R6.4 events of an issued label come in time order, each id once")
        void optional_R6_4_trackingEventsOfIssuedLabel_inTimeOrderUniqueIds() {
            assumeTracking();
            ShippingLabel label = carrier.createLabel(Fixtures.unique("label"), shipmentRequest());

            List<TrackingEvent> events = carrier.trackingEvents(label.trackingNumber());

            assertThat(events).isNotNull();
            assertWellFormed(events, label.trackingNumber());
        }

        @Test
        @DisplayName("R6.4 events of an unknown tracking number are an empty list")
        void optional_R6_4_trackingEventsOfUnknownNumber_isEmpty() {
            assumeTracking();

            assertThat(carrier.trackingEvents(Fixtures.unique("NOPE"))).isNotNull().isEmpty();
        }

        @Test
        @DisplayName("R6.4 (with time travel) a parcel reaches a final status, events still ordered and unique")
        void optional_R6_4_afterTimePasses_parcelReachesFinalStatusEventsOrdered() {
            assumeTracking();
            Assumptions.assumeTrue(canAdvanceTime(), "optional capability not declared: canAdvanceTime() is false");
            ShippingLabel label = carrier.createLabel(Fixtures.unique("label"), shipmentRequest());
            List<TrackingEvent> early = carrier.trackingEvents(label.trackingNumber());

            advanceTime(Duration.ofDays(30));
            List<TrackingEvent> late = carrier.trackingEvents(label.trackingNumber());

            assertWellFormed(late, label.trackingNumber());
            assertThat(late).as("events only accumulate").containsAll(early);
            assertThat(late).isNotEmpty();
            assertThat(late.stream().anyMatch(e -> FINAL.contains(e.status())))
                    .as("a final status (delivered, failed, returned) after 30 days: %s", late).isTrue();
        }
    }
}

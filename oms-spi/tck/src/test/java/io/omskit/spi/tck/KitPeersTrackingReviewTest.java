package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Found by a review of the R6.4 peers test (it failed this correct carrier before the test read here, there, here
 * again). The test compared two reads made one after the other
 * ({@code peer.trackingEvents(n)} then {@code carrier.trackingEvents(n)}). A correct carrier over one shared account
 * whose sandbox moves parcels on wall-clock time (here: a shared clock that moves one second per call, as a real
 * round trip does; the parcel is scanned IN_TRANSIT one second after purchase) can show a new event between the two
 * reads, and fails "tracked alike on the other". Both instances read the very same state.
 */
class KitPeersTrackingReviewTest {

    static final class SharedSandboxCarrier implements io.omskit.spi.port.CarrierGateway {
        private final ConcurrentMap<String, io.omskit.spi.port.ShippingLabel> labels; // the account's
        private final ConcurrentMap<String, java.time.Instant> bought; // the account's
        private final java.util.concurrent.atomic.AtomicLong sequence;
        private final ManualClock wall; // the sandbox's time, moving on its own

        SharedSandboxCarrier(ConcurrentMap<String, io.omskit.spi.port.ShippingLabel> labels,
                             ConcurrentMap<String, java.time.Instant> bought,
                             java.util.concurrent.atomic.AtomicLong sequence, ManualClock wall) {
            this.labels = labels;
            this.bought = bought;
            this.sequence = sequence;
            this.wall = wall;
        }

        @Override
        public java.util.List<io.omskit.spi.port.RateQuote> quote(io.omskit.spi.port.ShipmentRequest request) {
            return java.util.List.of(new io.omskit.spi.port.RateQuote("sbx", "ground", new Money(500, Fixtures.USD), 2));
        }

        @Override
        public io.omskit.spi.port.ShippingLabel createLabel(String key, io.omskit.spi.port.ShipmentRequest request) {
            io.omskit.spi.port.ShippingLabel l = labels.computeIfAbsent(key, k -> new io.omskit.spi.port.ShippingLabel(
                    "sbx", "ground", "SBX" + sequence.incrementAndGet(), new Money(500, Fixtures.USD)));
            bought.putIfAbsent(l.trackingNumber(), wall.instant());
            return l;
        }

        @Override
        public java.util.List<io.omskit.spi.port.TrackingEvent> trackingEvents(String n) {
            java.time.Instant now = wall.instant();
            wall.advance(java.time.Duration.ofSeconds(1)); // a round trip takes time; the sandbox moves on
            java.time.Instant t0 = bought.get(n);
            if (t0 == null) {
                return java.util.List.of();
            }
            java.util.List<io.omskit.spi.port.TrackingEvent> out = new java.util.ArrayList<>();
            out.add(new io.omskit.spi.port.TrackingEvent(n + "-1", n, io.omskit.spi.port.TrackingStatus.LABEL_CREATED,
                    t0, "created"));
            java.time.Instant scan = t0.plusSeconds(1);
            if (!scan.isAfter(now)) {
                out.add(new io.omskit.spi.port.TrackingEvent(n + "-2", n, io.omskit.spi.port.TrackingStatus.IN_TRANSIT,
                        scan, "scanned"));
            }
            java.time.Instant arrival = t0.plus(java.time.Duration.ofDays(2));
            if (!arrival.isAfter(now)) {
                out.add(new io.omskit.spi.port.TrackingEvent(n + "-3", n, io.omskit.spi.port.TrackingStatus.DELIVERED,
                        arrival, "delivered"));
            }
            return out;
        }
    }

    @Test
    void carrierKit_sharedAccountWhoseParcelsMoveOnWallClock_passesR6_4OnPeers() {
        ConcurrentMap<String, io.omskit.spi.port.ShippingLabel> labels = new ConcurrentHashMap<>();
        ConcurrentMap<String, java.time.Instant> bought = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
        ManualClock wall = ManualClock.atDefaultStart();
        CarrierGatewayCompatibilityKit kit = new CarrierGatewayCompatibilityKit() {
            @Override
            protected io.omskit.spi.port.CarrierGateway createCarrier() {
                return new SharedSandboxCarrier(labels, bought, sequence, wall);
            }

            @Override
            protected boolean supportsPeers() {
                return true;
            }

            @Override
            protected io.omskit.spi.port.CarrierGateway createPeer(io.omskit.spi.port.CarrierGateway first) {
                return new SharedSandboxCarrier(labels, bought, sequence, wall);
            }
        };
        kit.createCarrierUnderTest();
        CarrierGatewayCompatibilityKit.Tracking tracking = kit.new Tracking();
        tracking.optional_R6_4_trackingEventsOfIssuedLabel_inTimeOrderUniqueIds(); // passes: a correct R6.4 carrier
        tracking.optional_R6_4_trackingEventsOfUnknownNumber_isEmpty();
        CarrierGatewayCompatibilityKit.Peers peers = kit.new Peers();
        peers.createPeerOfCarrierUnderTest();
        peers.optional_R6_2_labelRepeatedOnPeer_returnsTheFirstLabel();

        // it failed when the test compared one read there with one read here
        peers.optional_R6_4_labelBoughtOnOneInstance_isTrackedAlikeOnTheOther();
    }
}

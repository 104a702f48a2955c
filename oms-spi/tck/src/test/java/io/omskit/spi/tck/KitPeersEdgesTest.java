package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.PaymentGateway;
import io.omskit.spi.port.PaymentOutcome;
import io.omskit.spi.port.RateQuote;
import io.omskit.spi.port.ShipmentRequest;
import io.omskit.spi.port.ShippingLabel;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Adapters on the edges of the kits' peers tests, found by a review of the peers capability: a correct payment
 * adapter whose provider refuses a key in flight (each failed the two-server race before the kit accepted a
 * contender's {@code ProviderException} followed by the engine's repeat), and a carrier that tracks a parcel only on
 * the instance that bought it (no kit test failed it before the R6.4 peers test).
 */
class KitPeersEdgesTest {

    // ---------------------------------------------------------------------------------------------------------
    // A correct adapter in the two-server race. The provider refuses a key that is in flight (as Stripe's
    // 409 idempotency_key_in_use does); the adapter serializes one key per instance with a JVM lock (so one
    // instance never sees the 409) and turns the 409 into ProviderException, which the port allows and after which
    // the engine repeats the call with the same key, getting the first outcome (R4.1).
    // ---------------------------------------------------------------------------------------------------------

    /** The provider: keys with their outcome, a key in flight refused, a ledger. Shared by every adapter. */
    static final class InFlightRefusingProvider {
        private final Map<String, PaymentOutcome> done = new HashMap<>(); // guarded by this
        private final Map<String, Boolean> inFlight = new HashMap<>(); // guarded by this
        final ProviderLedger ledger = new ProviderLedger(); // guarded by this
        private final Map<String, CountDownLatch> refusals = new HashMap<>(); // guarded by this

        PaymentOutcome call(String key, Supplier<PaymentOutcome> apply) {
            synchronized (this) {
                PaymentOutcome first = done.get(key);
                if (first != null) {
                    return first;
                }
                if (inFlight.putIfAbsent(key, Boolean.TRUE) != null) {
                    refused(key).countDown();
                    throw new ProviderException(OmsErrorCode.PROVIDER_ERROR,
                            "409 idempotency_key_in_use: another request with this key is in progress");
                }
            }
            // the request stays in flight until another request with its key was refused (bounded: alone, it ends)
            await(refused(key));
            synchronized (this) {
                PaymentOutcome o = apply.get();
                done.put(key, o);
                inFlight.remove(key);
                return o;
            }
        }

        private synchronized CountDownLatch refused(String key) {
            return refusals.computeIfAbsent(key, k -> new CountDownLatch(1));
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(OmsErrorCode.PROVIDER_TIMEOUT, "interrupted");
            }
        }
    }

    /** Correct by the port: keys kept by the provider, one key at a time per instance, a 409 is a ProviderException. */
    static final class LockingHttpAdapter implements PaymentGateway {
        private final InFlightRefusingProvider p;
        private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

        LockingHttpAdapter(InFlightRefusingProvider provider) {
            this.p = provider;
        }

        private PaymentOutcome send(String key, Supplier<PaymentOutcome> apply) {
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                return p.call(key, apply);
            }
        }

        @Override
        public PaymentOutcome authorize(String key, OrderId orderId, Money amount) {
            return send(key, () -> p.ledger.authorize(amount));
        }

        @Override
        public PaymentOutcome capture(String key, String authorizationReference, Money amount) {
            return send(key, () -> p.ledger.capture(authorizationReference, amount));
        }

        @Override
        public PaymentOutcome voidAuthorization(String key, String authorizationReference) {
            return send(key, () -> p.ledger.voidAuthorization(authorizationReference));
        }

        @Override
        public PaymentOutcome refund(String key, String captureReference, Money amount) {
            return send(key, () -> p.ledger.refund(captureReference, amount));
        }
    }

    private static PaymentGatewayCompatibilityKit lockingKit(InFlightRefusingProvider provider) {
        PaymentGatewayCompatibilityKit kit = new PaymentGatewayCompatibilityKit() {
            @Override
            protected PaymentGateway createGateway() {
                return new LockingHttpAdapter(provider);
            }

            @Override
            protected boolean supportsPeers() {
                return true;
            }

            @Override
            protected PaymentGateway createPeer(PaymentGateway first) {
                return new LockingHttpAdapter(provider);
            }

            @Override
            protected boolean refusesKeysInFlight() {
                return true;
            }

            @Override
            protected int rounds() {
                return 2;
            }
        };
        kit.createGatewayUnderTest();
        return kit;
    }

    @Test
    void paymentKit_providerRefusingAKeyInFlight_correctAdapterPassesTheTwoServerRace() {
        InFlightRefusingProvider provider = new InFlightRefusingProvider();
        PaymentGatewayCompatibilityKit kit = lockingKit(provider);
        // within one instance it keeps every R4.1 rule, races included
        kit.new Idempotency().required_R4_1_concurrentCapturesWithOneKey_captureOnce();
        kit.new Idempotency().required_R4_1_concurrentCallsOfEveryKindWithOneKey_moveMoneyOnce();
        // and across instances it keeps R4.1 as the port states it: the loser's ProviderException is repeated by
        // the engine with the same key and returns the first outcome; money moved once
        PaymentGateway a = new LockingHttpAdapter(provider);
        PaymentGateway b = new LockingHttpAdapter(provider);
        int authsBefore = provider.ledger.auths.size();
        List<Race.Outcome<PaymentOutcome>> race = Race.run(2, i -> () -> (i == 0 ? a : b)
                .authorize("k-f1", OrderId.of("o-f1"), new Money(10_000, Fixtures.USD)));
        PaymentOutcome first = null;
        for (Race.Outcome<PaymentOutcome> o : race) {
            PaymentOutcome got = o.succeeded() ? o.value()
                    : b.authorize("k-f1", OrderId.of("o-f1"), new Money(10_000, Fixtures.USD)); // engine's repeat
            first = first == null ? got : first;
            assertThat(got).isEqualTo(first);
        }
        assertThat(provider.ledger.auths).as("authorized once").hasSize(authsBefore + 1);

        PaymentGatewayCompatibilityKit.Peers peers = kit.new Peers();
        peers.createPeerOfGatewayUnderTest();
        peers.optional_R4_1_concurrentCallsWithOneKeyOnBothInstances_takeEffectOnce();
    }

    // ---------------------------------------------------------------------------------------------------------
    // A carrier adapter that finds a tracking number only on the instance that bought the label (a per-instance
    // map from tracking number to the carrier's shipment id) passes every Peers test and every R6.4 test; server B
    // then polls server A's parcel and sees no event, ever.
    // ---------------------------------------------------------------------------------------------------------

    static final class LocalTrackingCarrier implements CarrierGateway {
        private final ConcurrentMap<String, ShippingLabel> labels; // the account's: shared
        private final AtomicLong sequence; // the account's: shared
        private final ManualClock clock;
        private final ConcurrentMap<String, Instant> boughtHere = new ConcurrentHashMap<>(); // this instance's

        LocalTrackingCarrier(ConcurrentMap<String, ShippingLabel> labels, AtomicLong sequence, ManualClock clock) {
            this.labels = labels;
            this.sequence = sequence;
            this.clock = clock;
        }

        @Override
        public List<RateQuote> quote(ShipmentRequest request) {
            return List.of(new RateQuote("local", "ground", new Money(500, Fixtures.USD), 2));
        }

        @Override
        public ShippingLabel createLabel(String idempotencyKey, ShipmentRequest request) {
            ShippingLabel label = labels.computeIfAbsent(idempotencyKey, k -> new ShippingLabel("local", "ground",
                    "LOC" + sequence.incrementAndGet(), new Money(500, Fixtures.USD)));
            boughtHere.putIfAbsent(label.trackingNumber(), clock.instant());
            return label;
        }

        @Override
        public List<TrackingEvent> trackingEvents(String trackingNumber) {
            Instant t0 = boughtHere.get(trackingNumber);
            if (t0 == null) {
                return List.of();
            }
            List<TrackingEvent> out = new ArrayList<>();
            out.add(new TrackingEvent(trackingNumber + "-1", trackingNumber, TrackingStatus.LABEL_CREATED, t0, "created"));
            Instant arrival = t0.plus(Duration.ofDays(2));
            if (!arrival.isAfter(clock.instant())) {
                out.add(new TrackingEvent(trackingNumber + "-2", trackingNumber, TrackingStatus.DELIVERED, arrival,
                        "delivered"));
            }
            return out;
        }
    }

    @Test
    void carrierKit_parcelTrackedOnlyWhereItWasBought_failsR6_4OnPeers() {
        ConcurrentMap<String, ShippingLabel> labels = new ConcurrentHashMap<>();
        AtomicLong sequence = new AtomicLong();
        ManualClock clock = ManualClock.atDefaultStart();
        CarrierGatewayCompatibilityKit kit = new CarrierGatewayCompatibilityKit() {
            @Override
            protected CarrierGateway createCarrier() {
                return new LocalTrackingCarrier(labels, sequence, clock);
            }

            @Override
            protected boolean canAdvanceTime() {
                return true;
            }

            @Override
            protected void advanceTime(Duration amount) {
                clock.advance(amount);
            }

            @Override
            protected boolean supportsPeers() {
                return true;
            }

            @Override
            protected CarrierGateway createPeer(CarrierGateway first) {
                return new LocalTrackingCarrier(labels, sequence, clock);
            }
        };
        kit.createCarrierUnderTest();
        // its own instance's rules hold
        CarrierGatewayCompatibilityKit.Tracking tracking = kit.new Tracking();
        tracking.optional_R6_4_trackingEventsOfIssuedLabel_inTimeOrderUniqueIds();
        tracking.optional_R6_4_afterTimePasses_parcelReachesFinalStatusEventsOrdered();
        CarrierGatewayCompatibilityKit.Peers peers = kit.new Peers();
        peers.createPeerOfCarrierUnderTest();
        peers.optional_R6_2_labelRepeatedOnPeer_returnsTheFirstLabel();

        assertThatThrownBy(peers::optional_R6_4_labelBoughtOnOneInstance_isTrackedAlikeOnTheOther)
                .isInstanceOf(AssertionError.class);
    }
}

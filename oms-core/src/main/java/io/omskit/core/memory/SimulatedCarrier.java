package io.omskit.core.memory;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.RateQuote;
import io.omskit.spi.port.ShipmentRequest;
import io.omskit.spi.port.ShippingLabel;
import io.omskit.spi.port.TrackingEvent;
import io.omskit.spi.port.TrackingStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated parcel carrier: prices by great-circle distance for several services, labels with unique
 * tracking numbers, and tracking events derived from each label and the injected {@link Clock}. <b>Not
 * durable</b>; buys nothing. For tests, demos and as a reference for adapter authors; it passes
 * {@code CarrierGatewayCompatibilityKit}. Thread-safe.
 *
 * <p>Labels live in a concurrent map by idempotency key, and a label is created at most once per key
 * ({@code computeIfAbsent} on the key); a tracking number finds its label by its sequence number.
 *
 * <p>Rates (R6.1): per service, {@code base + ceil(km * perHundredKm / 100) + perExtraUnit * (units - 1)} in
 * minor units, with {@code km} the haversine distance from origin to the destination's position rounded up
 * (a configurable fallback distance when either is unknown); transit days
 * {@code max(minTransitDays, ceil(km / kmPerDay))}. Quotes come cheapest first, ties by service name.
 *
 * <p>Labels (R6.2, R6.3) buy the cheapest service. Tracking numbers are the prefix and a 10-digit sequence
 * number. A repeat of a key with the same request returns the first label; with another request it throws
 * {@link OmsValidationException} {@code INVALID_VALUE}.
 *
 * <p>Tracking (R6.4): from the label's creation time {@code t0} and its transit days {@code d}:
 * {@code LABEL_CREATED} at {@code t0}, {@code IN_TRANSIT} at {@code t0 + 4h}, {@code OUT_FOR_DELIVERY} at
 * {@code t0 + d days - 8h}, then {@code DELIVERED} at {@code t0 + d days}, or, for a shipment matching the
 * {@linkplain Builder#failDeliveryWhen delivery failure rule}, {@code DELIVERY_FAILED} at {@code t0 + d days}
 * and {@code RETURNED_TO_SENDER} three days later. Only events whose time has come by the clock are
 * returned; event ids are {@code <tracking number>-<n>}.
 *
 * <p>Several carriers over one account: {@link #peer()} makes another carrier with this one's configuration over
 * the same labels (keys, tracking numbers, sequence), as the adapter of a second application server on the same
 * carrier account would be; a key used on one is known to all, a label is still bought at most once per key, and
 * each finds the other's tracking numbers. The labels are in this process's memory: for several servers in one
 * test, not across processes.
 */
public final class SimulatedCarrier implements CarrierGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedCarrier.class);

    /**
     * A service level and its price and speed.
     *
     * <p>An immutable value; thread-safe.
     *
     * @param name the service name, such as {@code ground}
     * @param base the price of a one-unit parcel at distance 0
     * @param perHundredKm the price per 100 km
     * @param perExtraUnit the price of each unit after the first
     * @param kmPerDay how far a parcel travels per day, at least 1
     * @param minTransitDays the fewest days in transit, at least 1
     */
    public record Service(String name, Money base, Money perHundredKm, Money perExtraUnit, int kmPerDay,
                          int minTransitDays) {
        public Service {
            Checks.id(name, "service name");
            Checks.present(base, "base price");
            base.sameCurrency(Checks.present(perHundredKm, "price per 100 km"));
            base.sameCurrency(Checks.present(perExtraUnit, "price per extra unit"));
            if (base.isNegative() || perHundredKm.isNegative() || perExtraUnit.isNegative()) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "prices of service " + name
                        + " must not be negative");
            }
            Checks.positive(kmPerDay, "km per day of service " + name);
            Checks.positive(minTransitDays, "min transit days of service " + name);
        }

        /** Three services in {@code currency}: {@code ground}, {@code express} and {@code overnight}. */
        public static List<Service> defaults(Currency currency) {
            Objects.requireNonNull(currency, "currency");
            return List.of(
                    new Service("ground", m(599, currency), m(50, currency), m(50, currency), 800, 2),
                    new Service("express", m(1499, currency), m(150, currency), m(100, currency), 2000, 1),
                    new Service("overnight", m(2999, currency), m(300, currency), m(200, currency), 10_000, 1));
        }

        private static Money m(long minor, Currency currency) {
            return new Money(minor, currency);
        }
    }

    /**
     * A label bought, kept for idempotency and tracking as one object: the request's fields (compared with a
     * repeat's request), the label's service, tracking number and price in minor units, and its creation time as
     * two numbers; the {@link ShipmentRequest} and {@link ShippingLabel} are rebuilt when needed (as equal values).
     */
    private static final class Issued {
        final OrderId orderId;
        final FulfillmentId fulfillmentId;
        final GeoPoint origin;
        final Address destination;
        final int units;
        final String service;
        final String trackingNumber;
        final long priceMinor;
        final long createdSecond;
        final int createdNano;
        final int transitDays;
        final boolean fails;

        Issued(ShipmentRequest request, RateQuote quote, String trackingNumber, Instant createdAt, boolean fails) {
            this.orderId = request.orderId();
            this.fulfillmentId = request.fulfillmentId();
            this.origin = request.origin();
            this.destination = request.destination();
            this.units = request.units();
            this.service = quote.service();
            this.trackingNumber = trackingNumber;
            this.priceMinor = quote.price().minorUnits();
            this.createdSecond = createdAt.getEpochSecond();
            this.createdNano = createdAt.getNano();
            this.transitDays = quote.transitDays();
            this.fails = fails;
        }

        /**
         * Whether {@code r} is for the shipment this label was bought for (same order and fulfillment; R6.2: the
         * rest of a repeated request may differ, the engine rebuilding it from a location that moved since).
         */
        boolean sameShipment(ShipmentRequest r) {
            return orderId.equals(r.orderId()) && fulfillmentId.equals(r.fulfillmentId());
        }

        Instant createdAt() {
            return Instant.ofEpochSecond(createdSecond, createdNano);
        }

        int transitDays() {
            return transitDays;
        }

        boolean fails() {
            return fails;
        }
    }

    private final Clock clock;
    private final String carrierName;
    private final List<Service> services;
    private final double fallbackDistanceKm;
    private final Predicate<ShipmentRequest> deliveryFails;
    private final String trackingPrefix;
    /** The services' currency (one for all of them): the currency of every label's price. */
    private final Currency currency;
    /** The account's labels from here to {@link #byTrackingNumber}: shared with every {@link #peer()}. */
    private final AtomicLong sequence;
    private final CompactMap<String, Issued> byKey;
    /** Labels under their tracking number's sequence number. */
    private final SequenceIndex<Issued> byTrackingNumber;

    private SimulatedCarrier(Builder b) {
        this.clock = b.clock;
        this.carrierName = b.carrierName;
        this.services = List.copyOf(b.services);
        this.fallbackDistanceKm = b.fallbackDistanceKm;
        this.deliveryFails = b.deliveryFails;
        this.trackingPrefix = b.trackingPrefix;
        this.currency = services.get(0).base().currency();
        this.sequence = new AtomicLong();
        this.byKey = CompactMap.withPackedStringKeys();
        this.byTrackingNumber = new SequenceIndex<>();
    }

    private SimulatedCarrier(SimulatedCarrier account) {
        this.clock = account.clock;
        this.carrierName = account.carrierName;
        this.services = account.services;
        this.fallbackDistanceKm = account.fallbackDistanceKm;
        this.deliveryFails = account.deliveryFails;
        this.trackingPrefix = account.trackingPrefix;
        this.currency = account.currency;
        this.sequence = account.sequence;
        this.byKey = account.byKey;
        this.byTrackingNumber = account.byTrackingNumber;
    }

    /**
     * Another carrier over this one's account, as the adapter of a second application server would be: the same
     * clock, name, services and rules, and the same labels (a key used on either is known to both; tracking numbers
     * come from one sequence). Thread-safe, as this one.
     */
    public SimulatedCarrier peer() {
        return new SimulatedCarrier(this);
    }

    /** A builder; time comes from {@code clock}. */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /** A carrier named {@code simcarrier} with the default USD services, whose deliveries all succeed. */
    public static SimulatedCarrier ofDefaults(Clock clock) {
        return builder(clock).build();
    }

    /**
     * Configures a {@link SimulatedCarrier}. Not thread-safe: build on one thread; the built carrier is
     * thread-safe.
     */
    public static final class Builder {
        private final Clock clock;
        private String carrierName = "simcarrier";
        private List<Service> services = Service.defaults(Currency.getInstance("USD"));
        private double fallbackDistanceKm = 1000;
        private Predicate<ShipmentRequest> deliveryFails = r -> false;
        private String trackingPrefix = "SIM";

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The carrier name on quotes and labels ({@code simcarrier} by default). */
        public Builder carrierName(String name) {
            this.carrierName = Checks.id(name, "carrier name");
            return this;
        }

        /** The services offered; at least one, distinct names, one currency. */
        public Builder services(List<Service> offered) {
            Objects.requireNonNull(offered, "services");
            if (offered.isEmpty()) {
                throw new IllegalArgumentException("at least one service is required");
            }
            List<String> names = new ArrayList<>();
            for (Service s : offered) {
                Objects.requireNonNull(s, "service");
                if (names.contains(s.name())) {
                    throw new IllegalArgumentException("service " + s.name() + " is listed twice");
                }
                names.add(s.name());
                s.base().sameCurrency(offered.get(0).base());
            }
            this.services = List.copyOf(offered);
            return this;
        }

        /** The distance priced when the origin or the destination's position is unknown (1000 km by default). */
        public Builder fallbackDistanceKm(double km) {
            if (!(km >= 0 && km < 50_000)) {
                throw new IllegalArgumentException("fallback distance must be in [0, 50000) km, was " + km);
            }
            this.fallbackDistanceKm = km;
            return this;
        }

        /** Shipments for which {@code rule} holds end in {@code DELIVERY_FAILED} (none by default). */
        public Builder failDeliveryWhen(Predicate<ShipmentRequest> rule) {
            this.deliveryFails = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** The prefix of tracking numbers ({@code SIM} by default). */
        public Builder trackingPrefix(String prefix) {
            this.trackingPrefix = Checks.id(prefix, "tracking prefix");
            return this;
        }

        public SimulatedCarrier build() {
            return new SimulatedCarrier(this);
        }
    }

    @Override
    public List<RateQuote> quote(ShipmentRequest request) {
        Checks.present(request, "shipment request");
        long km = distanceKm(request);
        List<RateQuote> quotes = new ArrayList<>(services.size());
        for (Service s : services) {
            quotes.add(quote(s, km, request.units()));
        }
        quotes.sort(CHEAPEST_FIRST);
        return List.copyOf(quotes);
    }

    /** Cheapest first, ties by service name (service names are distinct, so this is a total order). */
    private static final Comparator<RateQuote> CHEAPEST_FIRST =
            Comparator.comparingLong((RateQuote q) -> q.price().minorUnits()).thenComparing(RateQuote::service);

    private RateQuote quote(Service s, long km, int units) {
        long price = Math.addExact(s.base().minorUnits(),
                Math.addExact(ceilDiv(Math.multiplyExact(km, s.perHundredKm().minorUnits()), 100),
                        Math.multiplyExact(s.perExtraUnit().minorUnits(), (long) units - 1)));
        int days = (int) Math.max(s.minTransitDays(), ceilDiv(km, s.kmPerDay()));
        return new RateQuote(carrierName, s.name(), new Money(price, s.base().currency()), days);
    }

    /** The first of {@link #quote}, without building and sorting the whole list. */
    private RateQuote cheapest(ShipmentRequest request) {
        long km = distanceKm(request);
        RateQuote best = null;
        for (Service s : services) {
            RateQuote q = quote(s, km, request.units());
            if (best == null || CHEAPEST_FIRST.compare(q, best) < 0) {
                best = q;
            }
        }
        return best;
    }

    @Override
    public ShippingLabel createLabel(String idempotencyKey, ShipmentRequest request) {
        Checks.id(idempotencyKey, "idempotency key");
        Checks.present(request, "shipment request");
        ShippingLabel[] made = new ShippingLabel[1];
        Issued issued = byKey.computeIfAbsent(idempotencyKey, k -> {
            RateQuote cheapest = cheapest(request);
            long n = sequence.incrementAndGet();
            String tn = trackingNumber(n);
            made[0] = new ShippingLabel(carrierName, cheapest.service(), tn, cheapest.price());
            Issued i = new Issued(request, cheapest, tn, clock.instant(), deliveryFails.test(request));
            byTrackingNumber.put(n, i);
            if (LOG.isDebugEnabled()) {
                LOG.debug("order {}: simulated label {} ({})", request.orderId(), tn, cheapest.service());
            }
            return i;
        });
        if (made[0] != null) {
            return made[0]; // bought by this call
        }
        if (!issued.sameShipment(request)) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "idempotency key reused for another shipment of order " + issued.orderId);
        }
        return new ShippingLabel(carrierName, issued.service, issued.trackingNumber,
                new Money(issued.priceMinor, currency));
    }

    @Override
    public List<TrackingEvent> trackingEvents(String trackingNumber) {
        Checks.present(trackingNumber, "tracking number");
        Issued i = byTrackingNumber.get(SequenceIndex.parse(trackingNumber, trackingPrefix, 10));
        if (i == null) {
            return List.of();
        }
        Instant t0 = i.createdAt();
        Instant arrival = t0.plus(Duration.ofDays(i.transitDays()));
        List<TrackingEvent> all = new ArrayList<>();
        all.add(event(trackingNumber, 1, TrackingStatus.LABEL_CREATED, t0, "label created"));
        all.add(event(trackingNumber, 2, TrackingStatus.IN_TRANSIT, t0.plus(Duration.ofHours(4)), "picked up"));
        all.add(event(trackingNumber, 3, TrackingStatus.OUT_FOR_DELIVERY, arrival.minus(Duration.ofHours(8)),
                "out for delivery"));
        if (i.fails()) {
            all.add(event(trackingNumber, 4, TrackingStatus.DELIVERY_FAILED, arrival, "recipient not reached"));
            all.add(event(trackingNumber, 5, TrackingStatus.RETURNED_TO_SENDER, arrival.plus(Duration.ofDays(3)),
                    "returned to sender"));
        } else {
            all.add(event(trackingNumber, 4, TrackingStatus.DELIVERED, arrival, "delivered"));
        }
        Instant now = clock.instant();
        List<TrackingEvent> due = new ArrayList<>(all.size());
        for (TrackingEvent e : all) {
            if (!e.at().isAfter(now)) {
                due.add(e);
            }
        }
        return List.copyOf(due);
    }

    /** How many labels were bought (one per idempotency key), by this carrier and its peers. */
    public int labelCount() {
        return byKey.size();
    }

    /** The prefix and {@code n} as at least 10 digits, zero-padded (what {@code %s%010d} gives, without a formatter). */
    private String trackingNumber(long n) {
        String digits = Long.toString(n);
        StringBuilder sb = new StringBuilder(trackingPrefix.length() + Math.max(10, digits.length()));
        sb.append(trackingPrefix);
        for (int i = digits.length(); i < 10; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    private static TrackingEvent event(String tn, int n, TrackingStatus status, Instant at, String description) {
        return new TrackingEvent(tn + "-" + n, tn, status, at, description);
    }

    private long distanceKm(ShipmentRequest r) {
        GeoPoint to = r.destination().position();
        double km = r.origin() == null || to == null ? fallbackDistanceKm : r.origin().distanceKm(to);
        return (long) Math.ceil(km);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}

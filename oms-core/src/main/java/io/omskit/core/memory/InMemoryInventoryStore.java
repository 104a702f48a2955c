package io.omskit.core.memory;

import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory {@link InventoryStore}: on hand and reserved units per location and SKU, reservations and
 * operation ids in concurrent maps. <b>Not durable</b>. For tests, demos and as a reference for adapter
 * authors; it passes {@code InventoryStoreCompatibilityKit}. Thread-safe.
 *
 * <p>Every location has its own lock, held for the whole of a call that changes it, so a
 * reservation of several SKUs at one location is all-or-nothing and no interleaving oversells (R2.2, R2.3).
 * The level of a SKU at a location is an immutable {@link StockLevel} replaced as a whole under that lock,
 * kept per SKU in location order, so {@link #level} and {@link #levels} read without locking, each level a
 * pair that was true at some moment, and {@link #levels} costs one lookup of the SKU (routing reads far
 * more often than reservations write).
 * Calls naming a reservation id run inside {@link ConcurrentHashMap#compute} on that id, so two calls with
 * one reservation id are serialized (R2.4, R2.5). Locks are always taken in one order (reservation id, then
 * one location; {@link #totals()} and {@link #snapshot()} take every location lock in {@link LocationId}
 * order), so calls cannot deadlock.
 *
 * <p>Besides the port, a host or a test sets stock with {@link #setOnHand} and checks conservation with
 * {@link #totals()}: at any moment {@code onHand == adjusted + restocked - consumed}.
 *
 * <p>Beyond the contract: an empty quantity map is refused ({@code INVALID_QUANTITY}); an operation id reused
 * for a different operation throws {@code RESERVATION_CONFLICT}; a refused reservation is remembered like an
 * accepted one, so its repeat is refused too (R2.4: "returns the first outcome").
 */
public final class InMemoryInventoryStore implements InventoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryInventoryStore.class);

    /**
     * A consistent view of the whole store's unit counts, taken with every location locked.
     *
     * <p>An immutable value; thread-safe.
     *
     * @param onHand the units on hand over all locations and SKUs
     * @param reserved the units reserved over all locations and SKUs
     * @param adjusted the net units added by {@link InMemoryInventoryStore#setOnHand} (may be negative)
     * @param restocked the units added by {@link InMemoryInventoryStore#restock}
     * @param consumed the units removed by {@link InMemoryInventoryStore#consume}
     */
    public record Totals(long onHand, long reserved, long adjusted, long restocked, long consumed) {
        /** Whether units were conserved: {@code onHand == adjusted + restocked - consumed} and reserved fits. */
        public boolean conserved() {
            return onHand == adjusted + restocked - consumed && reserved >= 0 && reserved <= onHand;
        }
    }

    private static final StockLevel NONE = new StockLevel(0, 0);

    /**
     * One location: its lock and counters (guarded by {@link #lock}). Its levels are in {@link #bySku}; they
     * change only under {@link #lock} and, being immutable values, may be read without it.
     */
    private final class LocationStock {
        final LocationId id;
        final ReentrantLock lock = new ReentrantLock();
        long adjusted;
        long restocked;
        long consumed;

        LocationStock(LocationId id) {
            this.id = id;
        }

        /** The level of {@code sku} here, (0, 0) when it has no record. */
        StockLevel level(Sku sku) {
            return levelAt(id, sku);
        }

        /** Replaces the level of {@code sku} here (creating its record); only with {@link #lock} held. */
        void set(Sku sku, int onHand, int reserved) {
            ConcurrentNavigableMap<LocationId, StockLevel> at = bySku.get(sku);
            if (at == null) {
                at = bySku.computeIfAbsent(sku, s -> new ConcurrentSkipListMap<>());
            }
            at.put(id, new StockLevel(onHand, reserved));
        }
    }

    /** A reservation: its request, its outcome, and the units it still holds (guarded by its location's lock). */
    private static final class Reservation {
        final LocationId location;
        final Map<Sku, Integer> requested;
        final ReservationResult outcome;
        final Map<Sku, Integer> held;

        Reservation(LocationId location, Map<Sku, Integer> requested, ReservationResult outcome) {
            this.location = location;
            this.requested = requested;
            this.outcome = outcome;
            this.held = new HashMap<>(outcome.reserved() ? requested : Map.of());
        }
    }

    /** What an operation id was used for, to tell a repeat from a reuse. */
    private record Operation(String kind, String target, Map<Sku, Integer> quantities) {
    }

    private final ConcurrentMap<LocationId, LocationStock> locations = new ConcurrentHashMap<>();
    /** Every stock record: per SKU, its level at each location that has one, in location order. */
    private final ConcurrentMap<Sku, ConcurrentNavigableMap<LocationId, StockLevel>> bySku = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Reservation> reservations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Operation> operations = new ConcurrentHashMap<>();

    /** An empty store: no location has any stock. */
    public InMemoryInventoryStore() {
    }

    private LocationStock stock(LocationId location) {
        return locations.computeIfAbsent(location, LocationStock::new);
    }

    private StockLevel levelAt(LocationId location, Sku sku) {
        Map<LocationId, StockLevel> at = bySku.get(sku);
        StockLevel lv = at == null ? null : at.get(location);
        return lv == null ? NONE : lv;
    }

    /**
     * Sets the units on hand of {@code sku} at {@code location} (initial stock, a stock count). The change is
     * counted in {@link Totals#adjusted()}.
     *
     * @throws OmsValidationException {@code INVALID_QUANTITY} if {@code onHand} is negative or below the units
     *     reserved there; nothing changes
     */
    public void setOnHand(LocationId location, Sku sku, int onHand) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sku, "sku");
        if (onHand < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    "on hand of " + sku + " at " + location + " must not be negative, was " + onHand);
        }
        LocationStock ls = stock(location);
        ls.lock.lock();
        try {
            StockLevel lv = ls.level(sku);
            if (onHand < lv.reserved()) {
                throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, "on hand of " + sku + " at "
                        + location + " cannot be set to " + onHand + ": " + lv.reserved() + " are reserved");
            }
            ls.adjusted += onHand - lv.onHand();
            ls.set(sku, onHand, lv.reserved());
        } finally {
            ls.lock.unlock();
        }
    }

    @Override
    public StockLevel level(LocationId location, Sku sku) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sku, "sku");
        return levelAt(location, sku);
    }

    @Override
    public Map<LocationId, StockLevel> levels(Sku sku) {
        Objects.requireNonNull(sku, "sku");
        SortedMap<LocationId, StockLevel> at = bySku.get(sku);
        return at == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(at)); // a copy, built in order
    }

    @Override
    public ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities) {
        InventoryStore.checkId(reservationId, "reservation id");
        Objects.requireNonNull(location, "location");
        Map<Sku, Integer> asked = InventoryStore.checkQuantities(quantities);
        ReservationResult[] result = new ReservationResult[1];
        reservations.compute(reservationId, (id, existing) -> {
            if (existing != null) {
                if (!existing.location.equals(location) || !existing.requested.equals(asked)) {
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                            "reservation " + id + " already exists with other content");
                }
                result[0] = existing.outcome;
                return existing;
            }
            LocationStock ls = stock(location);
            ls.lock.lock();
            try {
                Map<Sku, Integer> shortages = new TreeMap<>();
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                    StockLevel lv = ls.level(q.getKey());
                    int available = lv.onHand() - lv.reserved();
                    if (available < q.getValue()) {
                        shortages.put(q.getKey(), q.getValue() - available);
                    }
                }
                ReservationResult outcome;
                if (shortages.isEmpty()) {
                    for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                        StockLevel lv = ls.level(q.getKey());
                        ls.set(q.getKey(), lv.onHand(), lv.reserved() + q.getValue());
                    }
                    outcome = ReservationResult.ok();
                } else {
                    outcome = ReservationResult.rejected(shortages);
                }
                result[0] = outcome;
                return new Reservation(location, asked, outcome);
            } finally {
                ls.lock.unlock();
            }
        });
        if (LOG.isDebugEnabled()) {
            LOG.debug("reservation {} at {}: reserved={}", reservationId, location, result[0].reserved());
        }
        return result[0];
    }

    @Override
    public void release(String operationId, String reservationId, Map<Sku, Integer> quantities) {
        settle("release", operationId, reservationId, quantities);
    }

    @Override
    public void consume(String operationId, String reservationId, Map<Sku, Integer> quantities) {
        settle("consume", operationId, reservationId, quantities);
    }

    /** Release or consume: both take units out of a reservation, one back to available, one out of on hand. */
    private void settle(String kind, String operationId, String reservationId, Map<Sku, Integer> quantities) {
        InventoryStore.checkId(operationId, "operation id");
        InventoryStore.checkId(reservationId, "reservation id");
        Map<Sku, Integer> asked = InventoryStore.checkQuantities(quantities);
        Operation op = new Operation(kind, reservationId, asked);
        reservations.compute(reservationId, (id, r) -> {
            if (r == null) {
                throw new InventoryException(OmsErrorCode.UNKNOWN_RESERVATION, "reservation " + id + " is unknown");
            }
            LocationStock ls = stock(r.location);
            ls.lock.lock();
            try {
                Operation done = operations.get(operationId);
                if (done != null) {
                    if (!done.equals(op)) {
                        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                                "operation " + operationId + " was already used for another operation");
                    }
                    return r; // a repeat: nothing more
                }
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                    int holds = r.held.getOrDefault(q.getKey(), 0);
                    if (holds < q.getValue()) {
                        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT, "reservation " + id + " holds "
                                + holds + " of " + q.getKey() + ", cannot " + kind + " " + q.getValue());
                    }
                }
                if (operations.putIfAbsent(operationId, op) != null) {
                    // only possible for an id used concurrently by restock at this very moment
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                            "operation " + operationId + " was already used for another operation");
                }
                boolean consume = kind.equals("consume");
                for (Map.Entry<Sku, Integer> q : asked.entrySet()) {
                    int n = q.getValue();
                    r.held.merge(q.getKey(), -n, Integer::sum);
                    StockLevel lv = ls.level(q.getKey());
                    ls.set(q.getKey(), consume ? lv.onHand() - n : lv.onHand(), lv.reserved() - n);
                    if (consume) {
                        ls.consumed += n;
                    }
                }
                return r;
            } finally {
                ls.lock.unlock();
            }
        });
    }

    @Override
    public void restock(String operationId, LocationId location, Sku sku, int quantity) {
        InventoryStore.checkId(operationId, "operation id");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(sku, "sku");
        if (quantity <= 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                    "restock quantity of " + sku + " must be positive, was " + quantity);
        }
        Operation op = new Operation("restock", location.value(), Map.of(sku, quantity));
        LocationStock ls = stock(location);
        ls.lock.lock();
        try {
            Operation done = operations.get(operationId);
            if (done == null) {
                if (ls.level(sku).onHand() > Integer.MAX_VALUE - quantity) {
                    throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                            "restock of " + quantity + " " + sku + " at " + location + " overflows on hand");
                }
                done = operations.putIfAbsent(operationId, op);
            }
            if (done != null) {
                if (!done.equals(op)) {
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                            "operation " + operationId + " was already used for another operation");
                }
                return; // a repeat: nothing more
            }
            StockLevel lv = ls.level(sku);
            ls.set(sku, lv.onHand() + quantity, lv.reserved());
            ls.restocked += quantity;
        } finally {
            ls.lock.unlock();
        }
    }

    /**
     * The units a reservation still holds per SKU (empty for a refused or fully settled one).
     *
     * @throws InventoryException {@code UNKNOWN_RESERVATION} for an unknown id
     */
    public Map<Sku, Integer> held(String reservationId) {
        Objects.requireNonNull(reservationId, "reservationId");
        Reservation r = reservations.get(reservationId);
        if (r == null) {
            throw new InventoryException(OmsErrorCode.UNKNOWN_RESERVATION, "reservation " + reservationId + " is unknown");
        }
        LocationStock ls = stock(r.location);
        ls.lock.lock();
        try {
            Map<Sku, Integer> out = new TreeMap<>();
            r.held.forEach((sku, n) -> {
                if (n > 0) {
                    out.put(sku, n);
                }
            });
            return Collections.unmodifiableMap(out);
        } finally {
            ls.lock.unlock();
        }
    }

    /** Every stock record, per location and SKU, taken consistently (all locations locked at once). */
    public Map<LocationId, Map<Sku, StockLevel>> snapshot() {
        Map<LocationId, Map<Sku, StockLevel>> out = new TreeMap<>();
        withAllLocked(map -> {
            Map<LocationId, Map<Sku, StockLevel>> perLocation = new TreeMap<>();
            map.keySet().forEach(loc -> perLocation.put(loc, new TreeMap<>()));
            bySku.forEach((sku, at) -> at.forEach((loc, lv) -> {
                Map<Sku, StockLevel> m = perLocation.get(loc);
                if (m != null) { // not a location created after the locks were taken
                    m.put(sku, lv);
                }
            }));
            perLocation.forEach((loc, m) -> out.put(loc, Collections.unmodifiableMap(m)));
        });
        return Collections.unmodifiableMap(out);
    }

    /** The unit totals and counters, taken consistently (all locations locked at once). */
    public Totals totals() {
        long[] t = new long[5];
        withAllLocked(map -> {
            bySku.values().forEach(at -> at.forEach((loc, lv) -> {
                if (map.containsKey(loc)) { // not a location created after the locks were taken
                    t[0] += lv.onHand();
                    t[1] += lv.reserved();
                }
            }));
            map.values().forEach(ls -> {
                t[2] += ls.adjusted;
                t[3] += ls.restocked;
                t[4] += ls.consumed;
            });
        });
        return new Totals(t[0], t[1], t[2], t[3], t[4]);
    }

    private interface LockedAction {
        void run(Map<LocationId, LocationStock> lockedLocations);
    }

    private void withAllLocked(LockedAction action) {
        TreeMap<LocationId, LocationStock> sorted = new TreeMap<>(locations);
        List<LocationStock> locked = new ArrayList<>(sorted.size());
        try {
            for (LocationStock ls : sorted.values()) {
                ls.lock.lock();
                locked.add(ls);
            }
            action.run(sorted);
        } finally {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).lock.unlock();
            }
        }
    }
}

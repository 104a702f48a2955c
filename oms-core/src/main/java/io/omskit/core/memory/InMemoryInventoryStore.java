package io.omskit.core.memory;

import io.omskit.spi.InventoryException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.ReservationResult;
import io.omskit.spi.port.StockLevel;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * The levels of a SKU are one immutable table (its locations in order, and a {@link StockLevel} for each),
 * replaced copy-on-write: a change at a location is made under that location's lock and published with an
 * atomic replace of the SKU's table (retried when a change of the same SKU at another location came first). So
 * {@link #level} and {@link #levels} read without locking, each level a pair that was true at some moment, and
 * {@link #levels} costs one lookup of the SKU and returns the table itself as an unmodifiable map, without a
 * copy (routing reads far more often than reservations write).
 * Calls naming a reservation id run inside a {@code compute} on that id, so two calls with
 * one reservation id are serialized (R2.4, R2.5). Locks are always taken in one order (reservation id, then
 * one location; {@link #totals()} and {@link #snapshot()} take every location lock in
 * {@link LocationId} order), so calls cannot deadlock.
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
    /** The outcome of every accepted reservation: one immutable value instead of one per reservation kept. */
    private static final ReservationResult OK = ReservationResult.ok();

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

        /**
         * Replaces the level of {@code sku} here (creating its record); only with {@link #lock} held. The SKU's
         * table is replaced atomically, so a concurrent change of the same SKU at another location is kept.
         */
        void set(Sku sku, int onHand, int reserved) {
            set(sku, bySku.get(sku), onHand, reserved);
        }

        /**
         * {@link #set(Sku, int, int)} starting from {@code read}, the SKU's table as the caller read it under
         * {@link #lock} (or null): the level here cannot have changed since, so the first attempt does not read
         * the table again; another location's change of the same SKU in between makes it retry on a fresh read.
         */
        void set(Sku sku, SkuLevels read, int onHand, int reserved) {
            StockLevel level = new StockLevel(onHand, reserved);
            SkuLevels before = read;
            while (true) { // a change of the same SKU at another location may come first: then retry on it
                if (before == null ? bySku.putIfAbsent(sku, SkuLevels.EMPTY.with(id, level)) == null
                        : bySku.replace(sku, before, before.with(id, level))) {
                    return;
                }
                before = bySku.get(sku);
            }
        }
    }

    /**
     * The levels of one SKU: its locations in {@link LocationId} order and the level at each. Immutable; a
     * change makes a new table ({@link #with}). As a map it is the unmodifiable result of {@link #levels}.
     */
    private static final class SkuLevels extends AbstractMap<LocationId, StockLevel> {
        static final SkuLevels EMPTY = new SkuLevels(new LocationId[0], new StockLevel[0]);
        /** Up to this many locations, a lookup first looks for the same instance before searching by value. */
        private static final int IDENTITY_SCAN = 16;

        private final LocationId[] ids;
        private final StockLevel[] levels;

        private SkuLevels(LocationId[] ids, StockLevel[] levels) {
            this.ids = ids;
            this.levels = levels;
        }

        private int indexOf(Object location) {
            LocationId[] a = ids;
            if (a.length <= IDENTITY_SCAN) { // callers usually pass the very LocationId the stock was set with
                for (int i = 0; i < a.length; i++) {
                    if (a[i] == location) {
                        return i;
                    }
                }
                // absent, or an equal id of another instance: a few equals (ids of other lengths differ at once)
                // cost less than the binary search's comparisons of the texts
                for (int i = 0; i < a.length; i++) {
                    if (a[i].equals(location)) {
                        return i;
                    }
                }
                return -1;
            }
            return location instanceof LocationId id ? Arrays.binarySearch(a, id) : -1;
        }

        /** This table with {@code level} at {@code location} (replaced, or inserted in order). */
        SkuLevels with(LocationId location, StockLevel level) {
            int i = Arrays.binarySearch(ids, location);
            if (i >= 0) {
                StockLevel[] l = levels.clone();
                l[i] = level;
                return new SkuLevels(ids, l);
            }
            int at = -i - 1;
            LocationId[] newIds = new LocationId[ids.length + 1];
            StockLevel[] newLevels = new StockLevel[ids.length + 1];
            System.arraycopy(ids, 0, newIds, 0, at);
            System.arraycopy(levels, 0, newLevels, 0, at);
            newIds[at] = location;
            newLevels[at] = level;
            System.arraycopy(ids, at, newIds, at + 1, ids.length - at);
            System.arraycopy(levels, at, newLevels, at + 1, ids.length - at);
            return new SkuLevels(newIds, newLevels);
        }

        @Override
        public StockLevel get(Object location) {
            int i = indexOf(location);
            return i >= 0 ? levels[i] : null;
        }

        @Override
        public boolean containsKey(Object location) {
            return indexOf(location) >= 0;
        }

        @Override
        public int size() {
            return ids.length;
        }

        @Override
        public Set<Map.Entry<LocationId, StockLevel>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<LocationId, StockLevel>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < ids.length;
                        }

                        @Override
                        public Map.Entry<LocationId, StockLevel> next() {
                            if (next >= ids.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new AbstractMap.SimpleImmutableEntry<>(ids[i], levels[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return ids.length;
                }
            };
        }
    }

    /**
     * A reservation, kept compactly (every one is remembered for idempotency): its location, its request (the SKUs
     * in their natural order and the units of each, as in {@link Quantities}), its outcome, and the units it
     * still holds per requested SKU ({@code held[i]} for {@code skus[i]}; guarded by its location's lock).
     * {@code held} is null while nothing was settled (then an accepted reservation holds every unit requested and
     * a refused one none), and {@code NOTHING_HELD} once everything was.
     *
     * <p>A reservation also stands for the one operation that settled all its units at once, the usual
     * shipment ({@link #wholeKind}): the operations index then maps that operation's id to the reservation itself
     * instead of to an {@link Operation} of its own.
     */
    private static final class Reservation {
        final LocationId location;
        final Sku[] skus;
        final int[] units;
        final ReservationResult outcome;
        int[] held;
        /** The kind of the operation that settled every unit at once ({@code release} or {@code consume}), or null. */
        String wholeKind;

        Reservation(LocationId location, Quantities requested, ReservationResult outcome) {
            this.location = location;
            this.skus = requested.skus;
            this.units = requested.units;
            this.outcome = outcome;
        }

        /** The units held of the {@code i}-th requested SKU. */
        int holds(int i) {
            return held != null ? held[i] : outcome.reserved() ? units[i] : 0;
        }

        /** Takes {@code n} units of the {@code i}-th requested SKU (held: checked by the caller). */
        void take(int i, int n) {
            if (held == null) {
                held = outcome.reserved() ? units.clone() : new int[units.length];
            }
            held[i] -= n;
        }

        /** Takes every unit it holds (all of them: checked by the caller); shares the all-zero array when it fits. */
        void takeAll() {
            held = units.length <= NOTHING_HELD.length ? NOTHING_HELD : new int[units.length];
        }

        /** The index of {@code sku} in the request, or negative. */
        int indexOf(Sku sku) {
            return Arrays.binarySearch(skus, sku);
        }

        /** Whether {@code q} is this reservation's request. */
        boolean requested(Quantities q) {
            return Arrays.equals(skus, q.skus) && Arrays.equals(units, q.units);
        }
    }

    /** The counts of a reservation that holds nothing any more (never written: every settle of it is refused). */
    private static final int[] NOTHING_HELD = new int[32];

    /**
     * Units per SKU, kept compactly (every reservation and operation is remembered for idempotency): the SKUs
     * in their natural order and the units of each. Immutable; equal when the same SKUs have the same units.
     */
    private static final class Quantities {
        final Sku[] skus;
        final int[] units;

        /**
         * From a caller's map, with the checks and errors of {@link InventoryStore#checkQuantities} (required,
         * not empty, no null SKU, every quantity positive), sorted here by SKU: without the sorted copy that
         * method makes, which this class would only read into these two arrays.
         */
        Quantities(Map<Sku, Integer> quantities) {
            if (quantities == null) {
                throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "quantities are required");
            }
            int n = quantities.size();
            if (n == 0) {
                throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, "quantities must not be empty");
            }
            Sku[] k = new Sku[n];
            int[] u = new int[n];
            int i = 0;
            for (Map.Entry<Sku, Integer> e : quantities.entrySet()) {
                Sku sku = e.getKey();
                if (sku == null) {
                    throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "a SKU in quantities is null");
                }
                Integer q = e.getValue();
                if (q == null || q <= 0) {
                    throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                            "quantity of " + sku + " must be positive, was " + q);
                }
                // insertion sort: a handful of SKUs per call (quadratic in the SKUs of one call)
                int same = Arrays.binarySearch(k, 0, i, sku);
                if (same >= 0) {
                    // an equal SKU under another key instance (an identity map): the last one counts, as in
                    // checkQuantities' sorted copy
                    u[same] = q;
                    continue;
                }
                int at = i;
                while (at > 0 && k[at - 1].compareTo(sku) > 0) {
                    k[at] = k[at - 1];
                    u[at] = u[at - 1];
                    at--;
                }
                k[at] = sku;
                u[at] = q;
                i++;
            }
            this.skus = i == n ? k : Arrays.copyOf(k, i);
            this.units = i == n ? u : Arrays.copyOf(u, i);
        }

        Quantities(Sku[] skus, int[] units) {
            this.skus = skus;
            this.units = units;
        }

        Quantities(Sku sku, int units) {
            this.skus = new Sku[] {sku};
            this.units = new int[] {units};
        }

        /** The index of {@code sku}, or negative. */
        int indexOf(Sku sku) {
            return Arrays.binarySearch(skus, sku);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Quantities q && Arrays.equals(skus, q.skus) && Arrays.equals(units, q.units);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(skus) + Arrays.hashCode(units);
        }
    }

    /** What an operation id was used for, to tell a repeat from a reuse. */
    private record Operation(String kind, String target, Quantities quantities) {
    }

    private final ConcurrentMap<LocationId, LocationStock> locations = new ConcurrentHashMap<>();
    /** Every stock record: per SKU, its level at each location that has one, in location order. */
    private final ConcurrentMap<Sku, SkuLevels> bySku = new ConcurrentHashMap<>();
    private final CompactMap<String, Reservation> reservations = new CompactMap<>();
    /**
     * Operation ids: each to its {@link Operation}, or to the {@link Reservation} it settled at once (see there).
     */
    private final CompactMap<String, Object> operations = new CompactMap<>();

    /** An empty store: no location has any stock. */
    public InMemoryInventoryStore() {
    }

    private LocationStock stock(LocationId location) {
        return locations.computeIfAbsent(location, LocationStock::new);
    }

    private StockLevel levelAt(LocationId location, Sku sku) {
        return levelIn(bySku.get(sku), location);
    }

    /** The level at {@code location} in a SKU's table (null: the SKU has none), (0, 0) when it has no record. */
    private static StockLevel levelIn(SkuLevels at, LocationId location) {
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
        SkuLevels at = bySku.get(sku);
        return at == null ? Map.of() : at; // immutable: later changes make a new table
    }

    @Override
    public ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities) {
        InventoryStore.checkId(reservationId, "reservation id");
        Objects.requireNonNull(location, "location");
        Quantities asked = new Quantities(quantities);
        ReservationResult[] result = new ReservationResult[1];
        reservations.compute(reservationId, (id, existing) -> {
            if (existing != null) {
                if (!existing.location.equals(location) || !existing.requested(asked)) {
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                            "reservation " + id + " already exists with other content");
                }
                result[0] = existing.outcome;
                return existing;
            }
            LocationStock ls = stock(location);
            ls.lock.lock();
            try {
                Sku[] skus = asked.skus;
                int[] units = asked.units;
                SkuLevels[] tables = new SkuLevels[skus.length];
                Map<Sku, Integer> shortages = null;
                for (int i = 0; i < skus.length; i++) {
                    SkuLevels at = bySku.get(skus[i]);
                    tables[i] = at;
                    StockLevel lv = levelIn(at, ls.id);
                    int available = lv.onHand() - lv.reserved();
                    if (available < units[i]) {
                        if (shortages == null) {
                            shortages = new TreeMap<>();
                        }
                        shortages.put(skus[i], units[i] - available);
                    }
                }
                ReservationResult outcome;
                if (shortages == null) {
                    for (int i = 0; i < skus.length; i++) {
                        StockLevel lv = levelIn(tables[i], ls.id); // unchanged: the location is locked
                        ls.set(skus[i], tables[i], lv.onHand(), lv.reserved() + units[i]);
                    }
                    outcome = OK;
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
        Quantities asked = new Quantities(quantities);
        reservations.compute(reservationId, (id, r) -> {
            if (r == null) {
                throw new InventoryException(OmsErrorCode.UNKNOWN_RESERVATION, "reservation " + id + " is unknown");
            }
            LocationStock ls = stock(r.location);
            ls.lock.lock();
            try {
                boolean whole = r.requested(asked);
                Object done = operations.get(operationId);
                if (done != null) {
                    boolean same = done == r ? kind.equals(r.wholeKind) && whole
                            : done instanceof Operation o && o.kind().equals(kind) && o.target().equals(reservationId)
                            && o.quantities().equals(asked);
                    if (!same) {
                        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                                "operation " + operationId + " was already used for another operation");
                    }
                    return r; // a repeat: nothing more
                }
                int[] at = new int[asked.skus.length]; // where each asked SKU is in the reservation
                for (int i = 0; i < at.length; i++) {
                    at[i] = r.indexOf(asked.skus[i]);
                    int holds = at[i] < 0 ? 0 : r.holds(at[i]);
                    if (holds < asked.units[i]) {
                        throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT, "reservation " + id + " holds "
                                + holds + " of " + asked.skus[i] + ", cannot " + kind + " " + asked.units[i]);
                    }
                }
                // the operation is kept for idempotency: the one that settles a whole untouched reservation (a
                // shipment, the usual case) is the reservation itself, any other one an Operation record
                boolean asWhole = whole && r.held == null && r.wholeKind == null;
                if (operations.putIfAbsent(operationId,
                        asWhole ? r : new Operation(kind, reservationId, whole ? new Quantities(r.skus, r.units) : asked))
                        != null) {
                    // only possible for an id used concurrently by restock at this very moment
                    throw new InventoryException(OmsErrorCode.RESERVATION_CONFLICT,
                            "operation " + operationId + " was already used for another operation");
                }
                if (asWhole) {
                    r.wholeKind = kind;
                }
                boolean consume = kind.equals("consume");
                for (int i = 0; i < at.length; i++) {
                    int n = asked.units[i];
                    if (!whole) {
                        r.take(at[i], n); // held: checked above
                    }
                    SkuLevels table = bySku.get(asked.skus[i]);
                    StockLevel lv = levelIn(table, ls.id);
                    ls.set(asked.skus[i], table, consume ? lv.onHand() - n : lv.onHand(), lv.reserved() - n);
                    if (consume) {
                        ls.consumed += n;
                    }
                }
                if (whole) {
                    r.takeAll(); // it held every unit requested (checked above), so none is left
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
        Operation op = new Operation("restock", location.value(), new Quantities(sku, quantity));
        LocationStock ls = stock(location);
        ls.lock.lock();
        try {
            Object done = operations.get(operationId);
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
            for (int i = 0; i < r.skus.length; i++) {
                if (r.holds(i) > 0) {
                    out.put(r.skus[i], r.holds(i));
                }
            }
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

package io.omskit.core.memory;

import io.omskit.spi.DuplicateIdempotencyKeyException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.port.OrderStore;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory {@link OrderStore}: snapshots, events and the idempotency-key index in concurrent maps (compact
 * ones, without an object per entry).
 * <b>Not durable</b>: everything is lost with the instance. For tests, demos and as a reference for adapter
 * authors; it passes {@code OrderStoreCompatibilityKit}. Thread-safe.
 *
 * <p>Each order is one immutable entry (snapshot + events) replaced atomically with
 * {@code compute} on its id in a map of eight stripes, so saves of orders in different stripes run in parallel
 * (orders of one stripe, an eighth of them, one at a time), saves of one order are
 * serialized with the version check inside the critical section (R1.3, R1.6), and a reader sees the snapshot
 * and its events together or not at all (R1.4). The idempotency key is claimed with
 * {@code putIfAbsent} inside the same critical section, after every check that may fail,
 * so a refused save leaves no trace (R1.8).
 *
 * <p>The events of an order are kept in one growing array shared by the order's successive entries: an entry
 * sees the first {@code count} slots, which never change once published, and the next save writes only the
 * slots after them (inside the critical section, before the new entry is published), so appending costs the new
 * events only, not a copy of the whole history on every save. {@link #events} returns an unmodifiable view of the
 * entry's slots, which stays the same list whatever is saved later.
 *
 * <p>Beyond the contract, a save is refused with {@code INVALID_VALUE} when an event belongs to another order.
 * Only the capture's key is indexed: the key of a later snapshot of the same order is not re-read.
 */
public final class InMemoryOrderStore implements OrderStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryOrderStore.class);

    /**
     * One order: its latest snapshot and its first {@code count} events in {@code log}; replaced as a whole. The
     * slots below {@code count} never change; the slots from {@code count} on are free for the one entry that
     * replaces this one (saves of an order are serialized), and nobody else reads them.
     */
    private static final class Entry {
        final OrderSnapshot snapshot;
        final OrderEvent[] log;
        final int count;

        Entry(OrderSnapshot snapshot, OrderEvent[] log, int count) {
            this.snapshot = snapshot;
            this.log = log;
            this.count = count;
        }

        /** The entry for {@code next} with {@code added} appended; only from inside the order's critical section. */
        Entry append(OrderSnapshot next, List<OrderEvent> added) {
            int n = added.size();
            if (n == 0) {
                return new Entry(next, log, count);
            }
            OrderEvent[] target = log;
            if (count + n > log.length) {
                target = Arrays.copyOf(log, Math.max(count + n, Math.max(MIN_CAPACITY, 2 * log.length)));
            }
            for (int i = 0; i < n; i++) {
                target[count + i] = added.get(i);
            }
            return new Entry(next, target, count + n);
        }

        List<OrderEvent> events() {
            return count == 0 ? List.of() : new EventView(log, count);
        }
    }

    /** An unmodifiable view of the first {@code size} slots of an entry's log (which never change). */
    private static final class EventView extends AbstractList<OrderEvent> implements RandomAccess {
        private final OrderEvent[] log;
        private final int size;

        EventView(OrderEvent[] log, int size) {
            this.log = log;
            this.size = size;
        }

        @Override
        public OrderEvent get(int index) {
            Objects.checkIndex(index, size);
            return log[index];
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * The first capacity of an order's log: the 17 events of a complete single-shipment order (with its payment
     * calls written ahead) and a few more, so the usual order never grows its log (16 made every complete order
     * copy it into 32 slots at its last save).
     */
    private static final int MIN_CAPACITY = 20;

    private final CompactMap<OrderId, Entry> orders = new CompactMap<>();
    private final CompactMap<String, OrderId> byIdempotencyKey = new CompactMap<>();

    /** An empty store. */
    public InMemoryOrderStore() {
    }

    @Override
    public Optional<OrderSnapshot> load(OrderId orderId) {
        Objects.requireNonNull(orderId, "orderId");
        Entry e = orders.get(orderId);
        return e == null ? Optional.empty() : Optional.of(e.snapshot);
    }

    @Override
    public void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
        List<OrderEvent> events = OrderStore.checkSave(snapshot, expectedVersion, newEvents);
        OrderId id = snapshot.id();
        orders.compute(id, (key, current) -> {
            long stored = current == null ? 0 : current.snapshot.version();
            if (stored != expectedVersion) {
                throw new StaleOrderException(id.value(), expectedVersion, stored);
            }
            if (current == null) {
                String idem = snapshot.idempotencyKey();
                OrderId holder = byIdempotencyKey.putIfAbsent(idem, id);
                if (holder != null && !holder.equals(id)) {
                    throw new DuplicateIdempotencyKeyException(idem, holder.value());
                }
                OrderEvent[] log = new OrderEvent[Math.max(MIN_CAPACITY, events.size())];
                for (int i = 0; i < events.size(); i++) {
                    log[i] = events.get(i);
                }
                return new Entry(snapshot, log, events.size());
            }
            return current.append(snapshot, events);
        });
        if (LOG.isDebugEnabled()) {
            LOG.debug("order {}: saved version {} with {} new event(s)", id, snapshot.version(), events.size());
        }
    }

    @Override
    public Optional<OrderId> findByIdempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        OrderId id = byIdempotencyKey.get(idempotencyKey);
        // The key is claimed inside the order's critical section just before the entry is published:
        // report it only once the order itself is visible.
        return id != null && orders.containsKey(id) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public List<OrderEvent> events(OrderId orderId) {
        Objects.requireNonNull(orderId, "orderId");
        Entry e = orders.get(orderId);
        return e == null ? List.of() : e.events();
    }

    /** The ids of all stored orders, sorted; a copy. */
    public Set<OrderId> orderIds() {
        Set<OrderId> ids = new TreeSet<>();
        orders.forEach((id, e) -> ids.add(id));
        return ids;
    }

    /** How many orders are stored. */
    public int size() {
        return orders.size();
    }
}

package io.omskit.core.memory;

import io.omskit.spi.DuplicateIdempotencyKeyException;
import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.port.OrderStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory {@link OrderStore}: snapshots, events and the idempotency-key index in concurrent maps.
 * <b>Not durable</b>: everything is lost with the instance. For tests, demos and as a reference for adapter
 * authors; it passes {@code OrderStoreCompatibilityKit}. Thread-safe.
 *
 * <p>Each order is one immutable entry (snapshot + events) replaced atomically with
 * {@link ConcurrentHashMap#compute}, so saves of different orders never contend, saves of one order are
 * serialized with the version check inside the critical section (R1.3, R1.6), and a reader sees the snapshot
 * and its events together or not at all (R1.4). The idempotency key is claimed with
 * {@link ConcurrentMap#putIfAbsent} inside the same critical section, after every check that may fail,
 * so a refused save leaves no trace (R1.8).
 *
 * <p>Beyond the contract, a save is refused with {@code INVALID_VALUE} when an event belongs to another order.
 * Only the capture's key is indexed: the key of a later snapshot of the same order is not re-read.
 */
public final class InMemoryOrderStore implements OrderStore {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryOrderStore.class);

    /** One order: its latest snapshot and all its events; immutable, replaced as a whole. */
    private record Entry(OrderSnapshot snapshot, List<OrderEvent> events) {
    }

    private final ConcurrentMap<OrderId, Entry> orders = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, OrderId> byIdempotencyKey = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryOrderStore() {
    }

    @Override
    public Optional<OrderSnapshot> load(OrderId orderId) {
        Objects.requireNonNull(orderId, "orderId");
        Entry e = orders.get(orderId);
        return e == null ? Optional.empty() : Optional.of(e.snapshot());
    }

    @Override
    public void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
        List<OrderEvent> events = OrderStore.checkSave(snapshot, expectedVersion, newEvents);
        OrderId id = snapshot.id();
        orders.compute(id, (key, current) -> {
            long stored = current == null ? 0 : current.snapshot().version();
            if (stored != expectedVersion) {
                throw new StaleOrderException(id.value(), expectedVersion, stored);
            }
            if (current == null) {
                String idem = snapshot.idempotencyKey();
                OrderId holder = byIdempotencyKey.putIfAbsent(idem, id);
                if (holder != null && !holder.equals(id)) {
                    throw new DuplicateIdempotencyKeyException(idem, holder.value());
                }
                return new Entry(snapshot, events);
            }
            if (events.isEmpty()) {
                return new Entry(snapshot, current.events());
            }
            List<OrderEvent> before = current.events();
            OrderEvent[] all = new OrderEvent[before.size() + events.size()];
            int n = 0;
            for (OrderEvent ev : before) {
                all[n++] = ev;
            }
            for (OrderEvent ev : events) {
                all[n++] = ev;
            }
            return new Entry(snapshot, List.of(all));
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
        return new TreeSet<>(orders.keySet());
    }

    /** How many orders are stored. */
    public int size() {
        return orders.size();
    }
}

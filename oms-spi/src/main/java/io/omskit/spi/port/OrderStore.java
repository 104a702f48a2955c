package io.omskit.spi.port;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of order snapshots and their events, with optimistic concurrency. The host implements it;
 * {@code oms-core} ships a (not durable) in-memory reference implementation and {@code oms-spi-tck} a contract
 * kit, {@code OrderStoreCompatibilityKit}, whose tests are named after the rules below.
 *
 * <p>Implementations must be thread-safe: the engine calls them from any thread.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R1.1</b> {@link #load} of an order never saved returns empty.</li>
 *   <li><b>R1.2</b> {@link #save} of a new order (expected version 0) stores the snapshot and events;
 *       {@link #load} then returns an equal snapshot and {@link #events} the events in the order they were
 *       saved, over every later save too. Not in the order of their ids' text: {@code EventId} compares text,
 *       and {@code ORD-1-10-0} sorts before {@code ORD-1-2-0} (keep a sequence number per order).</li>
 *   <li><b>R1.3</b> a save whose expected version is not the stored version (0 meaning "not stored") throws
 *       {@link io.omskit.spi.StaleOrderException} and stores nothing: neither snapshot nor events.</li>
 *   <li><b>R1.4</b> a successful save replaces the snapshot and appends the events after those already
 *       stored, atomically: a reader sees both or neither.</li>
 *   <li><b>R1.5</b> the snapshot's version must be the expected version + 1, else
 *       {@link io.omskit.spi.OmsValidationException} ({@code INVALID_VALUE}) and nothing is stored.</li>
 *   <li><b>R1.6</b> of concurrent saves with the same expected version exactly one succeeds; the others throw
 *       {@code StaleOrderException}.</li>
 *   <li><b>R1.7</b> {@link #findByIdempotencyKey} returns the order saved with that key, else empty.</li>
 *   <li><b>R1.8</b> saving a new order whose idempotency key another order holds throws
 *       {@link io.omskit.spi.DuplicateIdempotencyKeyException} and stores nothing; of concurrent new orders
 *       with one key exactly one is stored.</li>
 *   <li><b>R1.9</b> ids and text are stored verbatim: quotes, semicolons, unicode and SQL fragments come back
 *       unchanged, and ids and idempotency keys are compared exactly (differing only in case or trailing spaces,
 *       they are different: a case-insensitive collation would return another customer's order for a key).</li>
 *   <li><b>R1.10</b> {@link #events} of an unknown order returns an empty list.</li>
 * </ul>
 *
 * <p>Several instances over one database (one per application server) are one store for these rules: a version or
 * key saved through one is seen by all, and R1.6 and R1.8 hold for concurrent calls through different instances.
 *
 * <p>{@link #events} returns a list the caller may keep: later saves do not change it. A store that cannot reach
 * its database throws {@link io.omskit.spi.ProviderException} ({@code PROVIDER_ERROR} or {@code PROVIDER_TIMEOUT});
 * the save may then have been stored or not, and the engine finds out by loading the order again
 * ({@code OrderService.resume}).
 */
public interface OrderStore {

    /** R1.1, R1.2: the latest snapshot of the order, if it exists. */
    Optional<OrderSnapshot> load(OrderId orderId);

    /**
     * R1.2 to R1.6, R1.8: stores {@code snapshot} and appends {@code newEvents} if the stored version equals
     * {@code expectedVersion} (0 for a new order).
     */
    void save(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents);

    /**
     * The argument checks every {@link #save} must make before touching storage (R1.5): snapshot and events
     * present, expected version not negative, snapshot version = expected version + 1, no null event, every
     * event of this order. Adapters call it first; it throws {@link OmsValidationException}
     * ({@code MISSING_VALUE} or {@code INVALID_VALUE}) and returns the events as an immutable list.
     */
    static List<OrderEvent> checkSave(OrderSnapshot snapshot, long expectedVersion, List<OrderEvent> newEvents) {
        if (snapshot == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "snapshot is required");
        }
        if (newEvents == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "new events are required (may be empty)");
        }
        OrderId id = snapshot.id();
        if (expectedVersion < 0) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                    "order " + id + ": expected version must not be negative, was " + expectedVersion);
        }
        if (snapshot.version() != expectedVersion + 1) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "order " + id + ": snapshot version "
                    + snapshot.version() + " must be expected version + 1 = " + (expectedVersion + 1));
        }
        for (int i = 0; i < newEvents.size(); i++) {
            OrderEvent ev = newEvents.get(i);
            if (ev == null) {
                throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "order " + id + ": event " + i + " is null");
            }
            if (!ev.orderId().equals(id)) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE,
                        "order " + id + ": event " + i + " belongs to order " + ev.orderId());
            }
        }
        return Checks.list(newEvents, "new events"); // no copy when it is already an immutable list
    }

    /** R1.7: the order captured with this idempotency key. */
    Optional<OrderId> findByIdempotencyKey(String idempotencyKey);

    /** R1.2, R1.10: all events of the order, in the order they were saved. */
    List<OrderEvent> events(OrderId orderId);
}

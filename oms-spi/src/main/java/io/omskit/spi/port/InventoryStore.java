package io.omskit.spi.port;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stock per SKU and location, with reservations that never oversell. The host implements it over its
 * warehouse system or database; {@code oms-core} ships an in-memory reference implementation and
 * {@code oms-spi-tck} the contract kit {@code InventoryStoreCompatibilityKit}.
 *
 * <p>Implementations must be thread-safe: reservations race from many threads and, with a shared database,
 * many processes.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>R2.1</b> {@link #level} of a SKU never stocked at a location is on hand 0, reserved 0;
 *       {@link #levels} gives, for every location with a record of the SKU, the same level as {@link #level},
 *       reserved units included (the engine routes on it).</li>
 *   <li><b>R2.2</b> {@link #reserve} is all-or-nothing per call: if every SKU has at least the asked units
 *       available (on hand minus reserved) all are reserved, else none is and the result lists the
 *       shortages.</li>
 *   <li><b>R2.3</b> under any interleaving of concurrent calls, reserved never exceeds on hand: no
 *       oversell.</li>
 *   <li><b>R2.4</b> every mutating call is idempotent by its id: repeating a {@code reserve} with the same
 *       reservation id and the same lines returns the first outcome and reserves nothing more, also after
 *       the reservation was released or consumed in full and, for a refused one, after stock arrived (the engine
 *       repeats reservations when it resumes an order); repeating a release, consume or restock with the same
 *       operation id changes nothing more, also when the first one settled the whole reservation (the repeat is
 *       recognised by its id before any quantity is checked), while releases and consumptions with other operation
 *       ids each take effect, whatever their reservation and content. A call that throws has not used its id: a later
 *       call with that id takes effect (the engine repeats a release that found no reservation yet once the
 *       reservation exists).</li>
 *   <li><b>R2.5</b> reusing a reservation id with other lines throws {@link io.omskit.spi.InventoryException}
 *       {@code RESERVATION_CONFLICT} and changes nothing.</li>
 *   <li><b>R2.6</b> {@link #release} returns reserved units to available; {@link #consume} removes them
 *       from on hand and reserved (they shipped). Asking for more than the reservation still holds (what this reservation
 *       holds, not what its location has reserved for all reservations) throws {@code RESERVATION_CONFLICT} and
 *       changes nothing; an unknown reservation throws
 *       {@code UNKNOWN_RESERVATION}.</li>
 *   <li><b>R2.7</b> {@link #restock} adds units to on hand (returns, replenishment).</li>
 *   <li><b>R2.8</b> quantities must be positive; otherwise {@link io.omskit.spi.OmsValidationException}
 *       {@code INVALID_QUANTITY} and nothing changes.</li>
 *   <li><b>R2.9</b> ids (reservation and operation ids, SKUs, locations) are compared exactly: ids that differ
 *       only in case or in trailing spaces are different (a database column with a case-insensitive or
 *       space-padding collation breaks this). The engine derives ids longer than the 128 chars a model id may
 *       have (a reservation id is the order id plus about 4 chars, a release's operation id an event id, a colon
 *       and a line id, up to about 260 chars): store them without a length limit.</li>
 * </ul>
 * The iteration order of a quantities map is unspecified (the engine passes small immutable maps): an adapter
 * that locks or logs per SKU sorts them first ({@link #checkQuantities} returns them sorted by SKU).
 *
 * <p>Several instances over one database (one per application server) are one store for these rules: a reservation
 * or settlement made through one is seen by all, and R2.3 and R2.4 hold for concurrent calls through different
 * instances.
 *
 * <p>A store that cannot reach its database or warehouse system throws {@link io.omskit.spi.ProviderException}
 * ({@code PROVIDER_ERROR} or {@code PROVIDER_TIMEOUT}); the call may have taken effect or not, and the engine
 * repeats it by its id when it resumes the order or when the host repeats the command (R2.4 makes that safe).
 */
public interface InventoryStore {

    /**
     * The argument check of every call that takes quantities (R2.8): present, not empty, no null SKU, every
     * quantity positive. Adapters call it first; it throws {@link OmsValidationException} ({@code MISSING_VALUE}
     * or {@code INVALID_QUANTITY}) and returns an unmodifiable copy sorted by SKU, the order in which adapters
     * should lock rows.
     */
    static Map<Sku, Integer> checkQuantities(Map<Sku, Integer> quantities) {
        if (quantities == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "quantities are required");
        }
        if (quantities.isEmpty()) {
            throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY, "quantities must not be empty");
        }
        Map<Sku, Integer> copy = new TreeMap<>();
        for (Map.Entry<Sku, Integer> e : quantities.entrySet()) {
            if (e.getKey() == null) {
                throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "a SKU in quantities is null");
            }
            Integer q = e.getValue();
            if (q == null || q <= 0) {
                throw new OmsValidationException(OmsErrorCode.INVALID_QUANTITY,
                        "quantity of " + e.getKey() + " must be positive, was " + q);
            }
            copy.put(e.getKey(), q);
        }
        return Collections.unmodifiableMap(copy);
    }

    /** The argument check of a reservation or operation id: present and not blank ({@code MISSING_VALUE}). */
    static String checkId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, name + " is required");
        }
        return id;
    }

    /** R2.1: the stock of {@code sku} at {@code location}. */
    StockLevel level(LocationId location, Sku sku);

    /** The stock of {@code sku} at every location that has a record of it. */
    Map<LocationId, StockLevel> levels(Sku sku);

    /** R2.2 to R2.5: reserves all {@code quantities} at {@code location}, or nothing. */
    ReservationResult reserve(String reservationId, LocationId location, Map<Sku, Integer> quantities);

    /** R2.4, R2.6: returns units of a reservation to available stock. */
    void release(String operationId, String reservationId, Map<Sku, Integer> quantities);

    /** R2.4, R2.6: the reserved units shipped: they leave on hand and reserved. */
    void consume(String operationId, String reservationId, Map<Sku, Integer> quantities);

    /** R2.4, R2.7: adds units to on hand at a location (a restocked return, a delivery from a supplier). */
    void restock(String operationId, LocationId location, Sku sku, int quantity);
}

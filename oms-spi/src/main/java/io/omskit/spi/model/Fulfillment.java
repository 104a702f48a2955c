package io.omskit.spi.model;

import java.time.Instant;
import java.util.List;

/**
 * One fulfillment: one source location and package, with the quantities of the lines it carries. The
 * source location is an attribute, so ship-from-store and store pickup are not special cases.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param id unique within the order
 * @param location the source location
 * @param state the state's name: a built-in {@link FulfillmentStatus} name or a host's custom state
 * @param status the built-in category of {@code state}
 * @param pickup whether the customer collects it at {@code location}
 * @param lines the quantities it carries
 * @param carrier the carrier once shipped, else null
 * @param trackingNumber the tracking number once shipped, else null
 * @param reservationId the inventory reservation holding its stock, or null
 * @param shippedAt when it shipped, else null
 * @param deliveredAt when it was delivered or picked up, else null
 * @param trackingEventIds the carrier event ids already recorded, so that a repeated event is recognised
 */
public record Fulfillment(FulfillmentId id, LocationId location, String state, FulfillmentStatus status, boolean pickup,
                          List<FulfillmentLine> lines, String carrier, String trackingNumber, String reservationId,
                          Instant shippedAt, Instant deliveredAt, List<String> trackingEventIds) {
    // Explicit canonical constructor: the fields kept as given are stored before the checks (a fulfillment that fails
    // them is never seen), so that, inlined into a caller that computed its arguments first, these stores need no GC
    // write barrier; the checks and the lists' checks follow in the order of the components
    public Fulfillment(FulfillmentId id, LocationId location, String state, FulfillmentStatus status, boolean pickup,
                       List<FulfillmentLine> lines, String carrier, String trackingNumber, String reservationId,
                       Instant shippedAt, Instant deliveredAt, List<String> trackingEventIds) {
        this.id = id;
        this.location = location;
        this.state = state;
        this.status = status;
        this.pickup = pickup;
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        this.reservationId = reservationId;
        this.shippedAt = shippedAt;
        this.deliveredAt = deliveredAt;
        Checks.present(id, "fulfillment id");
        Checks.present(location, "fulfillment location");
        Checks.state(state, status, "fulfillment state");
        Checks.present(status, "fulfillment status");
        this.lines = Checks.list(lines, "fulfillment lines");
        this.trackingEventIds = Checks.list(trackingEventIds, "tracking event ids");
    }

    /** The units of {@code line} in this fulfillment, 0 if none. */
    public int quantityOf(LineId line) {
        for (FulfillmentLine l : lines) {
            if (l.lineId().equals(line)) {
                return l.quantity();
            }
        }
        return 0;
    }

    /** All units in this fulfillment. */
    public int units() {
        int n = 0;
        for (FulfillmentLine l : lines) {
            n += l.quantity();
        }
        return n;
    }
}

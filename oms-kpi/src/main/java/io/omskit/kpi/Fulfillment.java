package io.omskit.kpi;

/**
 * What the KPI calculators keep of one fulfillment (shipment or pickup) of an order. Every field is set
 * idempotently or combined commutatively (max, or), so the result does not depend on the order of the events.
 * Location, carrier and SKUs are codes of the accumulator's {@link Dictionaries} (0 when absent). The fulfillments
 * of an order form a list linked through {@link #next}. Not thread-safe.
 */
final class Fulfillment {
    static final long NONE = Long.MIN_VALUE;

    final String id;
    /** The order's next fulfillment, or null. */
    Fulfillment next;
    int location;
    int carrier;
    boolean pickup;
    boolean shippedSeen;
    boolean damaged;
    boolean documentationNotOk;
    long shippedAt = NONE;
    long readyAt = NONE;
    long deliveredAt = NONE;
    long lostAt = NONE;
    /** Triples (line index, quantity, SKU code actually shipped) from the shipped event. */
    int[] shipped;
    /** Pairs (line index, quantity) from the created event. */
    int[] created;

    Fulfillment(String id) {
        this.id = id;
    }

    /** Whether its units left (shipped, or made ready for / picked up by the customer). */
    boolean effective() {
        return shippedSeen || readyAt != NONE || (deliveredAt != NONE && created != null);
    }

    /** When its units left: the shipment, else the pickup readiness, else the pickup. */
    long effectiveShippedAt() {
        if (shippedSeen) {
            return shippedAt;
        }
        return readyAt != NONE ? readyAt : deliveredAt;
    }

    boolean delivered() {
        return deliveredAt != NONE;
    }

    /** How many (line, quantity) parts left: the shipped ones, else the created ones. */
    int parts() {
        if (shippedSeen) {
            return shipped.length / 3;
        }
        return created == null ? 0 : created.length / 2;
    }

    /** The line index of part {@code p} of {@link #parts()}. */
    int partLine(int p) {
        return shippedSeen ? shipped[3 * p] : created[2 * p];
    }

    /** The quantity of part {@code p} of {@link #parts()}. */
    int partQuantity(int p) {
        return shippedSeen ? shipped[3 * p + 1] : created[2 * p + 1];
    }

    /** The code of the SKU that left for part {@code p}, or 0 when it is the line's own SKU. */
    int partSku(int p) {
        return shippedSeen ? shipped[3 * p + 2] : 0;
    }

    void mergeFrom(Fulfillment other, int[] lineMap, Dictionaries.Recoder r) {
        if (location == 0) {
            location = r.place(other.location);
        }
        if (carrier == 0) {
            carrier = r.place(other.carrier);
        }
        pickup |= other.pickup;
        damaged |= other.damaged;
        documentationNotOk |= other.documentationNotOk;
        readyAt = Math.max(readyAt, other.readyAt);
        deliveredAt = Math.max(deliveredAt, other.deliveredAt);
        lostAt = Math.max(lostAt, other.lostAt);
        if (!shippedSeen && other.shippedSeen) {
            shippedSeen = true;
            shippedAt = other.shippedAt;
            int[] copy = other.shipped.clone();
            for (int i = 0; i < copy.length; i += 3) {
                copy[i] = lineMap[copy[i]];
                copy[i + 2] = r.sku(copy[i + 2]);
            }
            shipped = copy;
        }
        if (created == null && other.created != null) {
            int[] copy = other.created.clone();
            for (int i = 0; i < copy.length; i += 2) {
                copy[i] = lineMap[copy[i]];
            }
            created = copy;
        }
    }
}

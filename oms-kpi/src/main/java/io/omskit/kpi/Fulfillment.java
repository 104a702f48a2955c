package io.omskit.kpi;

import io.omskit.spi.model.Sku;

import java.util.Arrays;

/**
 * What the KPI calculators keep of one fulfillment (shipment or pickup) of an order. Every field is set
 * idempotently or combined commutatively (max, or), so the result does not depend on the order of the events.
 * Not thread-safe.
 */
final class Fulfillment {
    static final long NONE = Long.MIN_VALUE;

    final String id;
    String location;
    String carrier;
    boolean pickup;
    boolean shippedSeen;
    boolean damaged;
    boolean documentationNotOk;
    long shippedAt = NONE;
    long readyAt = NONE;
    long deliveredAt = NONE;
    long lostAt = NONE;
    /** Pairs (line index, quantity) from the shipped event. */
    int[] shipped;
    /** The SKU actually shipped, one per pair of {@link #shipped}. */
    Sku[] shippedSkus;
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

    /** The (line index, quantity) pairs that left: the shipped ones, else the created ones. */
    int[] effectiveLines() {
        if (shippedSeen) {
            return shipped;
        }
        return created == null ? new int[0] : created;
    }

    /** The SKU that left for pair {@code pair}, or null when it is the line's own SKU. */
    Sku effectiveSku(int pair) {
        return shippedSeen ? shippedSkus[pair] : null;
    }

    int units() {
        int[] lines = effectiveLines();
        int units = 0;
        for (int i = 1; i < lines.length; i += 2) {
            units += lines[i];
        }
        return units;
    }

    void mergeFrom(Fulfillment other, int[] lineMap) {
        if (location == null) {
            location = other.location;
        }
        if (carrier == null) {
            carrier = other.carrier;
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
            shipped = remap(other.shipped, lineMap);
            shippedSkus = other.shippedSkus.clone();
        }
        if (created == null && other.created != null) {
            created = remap(other.created, lineMap);
        }
    }

    private static int[] remap(int[] pairs, int[] lineMap) {
        int[] copy = Arrays.copyOf(pairs, pairs.length);
        for (int i = 0; i < copy.length; i += 2) {
            copy[i] = lineMap[copy[i]];
        }
        return copy;
    }
}

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
    /**
     * Pairs (line index, quantity) of a pickup's units as its step events moved them: the picked-up step's
     * ({@link #handedPickedUp}) else the ready-for-pickup step's; what left when units left the pickup after its
     * creation (a short pick, a cancelled unit). Null when no step carried units.
     */
    int[] handed;
    boolean handedPickedUp;
    /** Cancelled before any unit left (an uncollected pickup, a plan cancelled at the store): its units went back. */
    boolean cancelled;

    Fulfillment(String id) {
        this.id = id;
    }

    /**
     * Whether its units left (shipped, or made ready for / picked up by the customer) and stayed gone: a pickup
     * cancelled while it waited at the store returned its units and is not effective.
     */
    boolean effective() {
        if (cancelled && !shippedSeen && deliveredAt == NONE) {
            return false;
        }
        return shippedSeen || readyAt != NONE || (deliveredAt != NONE && (created != null || handed != null));
    }

    /** Keeps the units of a pickup step: a picked-up step's over a ready one's, the first of each kind. */
    void handed(int[] pairs, boolean pickedUp) {
        if (handed == null || (pickedUp && !handedPickedUp)) {
            handed = pairs;
            handedPickedUp = pickedUp;
        }
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

    /** How many (line, quantity) parts left: the shipped ones, else the pickup's handed ones, else the created ones. */
    int parts() {
        if (shippedSeen) {
            return shipped.length / 3;
        }
        int[] pairs = pairs();
        return pairs == null ? 0 : pairs.length / 2;
    }

    private int[] pairs() {
        return handed != null ? handed : created;
    }

    /** The line index of part {@code p} of {@link #parts()}. */
    int partLine(int p) {
        return shippedSeen ? shipped[3 * p] : pairs()[2 * p];
    }

    /** The quantity of part {@code p} of {@link #parts()}. */
    int partQuantity(int p) {
        return shippedSeen ? shipped[3 * p + 1] : pairs()[2 * p + 1];
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
        cancelled |= other.cancelled;
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
            created = recoded(other.created, lineMap);
        }
        if (other.handed != null && (handed == null || (other.handedPickedUp && !handedPickedUp))) {
            handed = recoded(other.handed, lineMap);
            handedPickedUp = other.handedPickedUp;
        }
    }

    private static int[] recoded(int[] pairs, int[] lineMap) {
        int[] copy = pairs.clone();
        for (int i = 0; i < copy.length; i += 2) {
            copy[i] = lineMap[copy[i]];
        }
        return copy;
    }
}

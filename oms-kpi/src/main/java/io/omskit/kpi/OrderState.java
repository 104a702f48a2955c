package io.omskit.kpi;

import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Sku;

import java.util.Arrays;
import java.util.Currency;

/**
 * What the KPI calculators keep of one order: a fold of its events in which every field is set idempotently or
 * combined commutatively (sums, max, or). Folding the same events in any order, or folding two halves and
 * merging them, gives the same state. Times are epoch milliseconds, {@link #NONE} when absent. Not thread-safe.
 */
final class OrderState {
    static final long NONE = Long.MIN_VALUE;

    // per-line ints, stride LINE_INTS
    static final int ORDERED = 0;
    static final int BACKORDERED = 1;
    static final int CANCEL_WITHDRAW = 2;
    static final int CANCEL_UNMET = 3;
    static final int CANCEL_NO_REASON = 4;
    static final int EXCHANGE = 5;
    static final int LINE_INTS = 6;

    static final int CANCEL_BY_CUSTOMER = 1;
    static final int CANCEL_BY_OTHER = 2;
    static final int CANCEL_BY_UNKNOWN = 4;

    final String orderId;
    boolean placed;
    String channel;
    long placedAt = NONE;
    long promisedBy = NONE;
    Currency currency;

    int lineCount;
    LineId[] lineIds = new LineId[2];
    Sku[] skus = new Sku[2];
    long[] unitCost = new long[2];
    int[] lineInts = new int[2 * LINE_INTS];

    long maxCancelAt = NONE;
    int cancelInitiators;
    Initiator orderCancelInitiator;
    String orderCancelReason;

    int fulfillmentCount;
    Fulfillment[] fulfillments;

    int returnCount;
    long[] returnAt;
    /** Pairs (line index, quantity). */
    int[] returnUnits;

    OrderState(String orderId) {
        this.orderId = orderId;
    }

    int line(LineId id) {
        for (int i = 0; i < lineCount; i++) {
            if (lineIds[i].equals(id)) {
                return i;
            }
        }
        if (lineCount == lineIds.length) {
            int n = lineCount * 2;
            lineIds = Arrays.copyOf(lineIds, n);
            skus = Arrays.copyOf(skus, n);
            unitCost = Arrays.copyOf(unitCost, n);
            lineInts = Arrays.copyOf(lineInts, n * LINE_INTS);
        }
        int i = lineCount++;
        lineIds[i] = id;
        unitCost[i] = NONE;
        return i;
    }

    int get(int line, int field) {
        return lineInts[line * LINE_INTS + field];
    }

    void add(int line, int field, int quantity) {
        lineInts[line * LINE_INTS + field] += quantity;
    }

    void max(int line, int field, int value) {
        int k = line * LINE_INTS + field;
        lineInts[k] = Math.max(lineInts[k], value);
    }

    Fulfillment fulfillment(String id) {
        for (int i = 0; i < fulfillmentCount; i++) {
            if (fulfillments[i].id.equals(id)) {
                return fulfillments[i];
            }
        }
        if (fulfillments == null) {
            fulfillments = new Fulfillment[2];
        } else if (fulfillmentCount == fulfillments.length) {
            fulfillments = Arrays.copyOf(fulfillments, fulfillmentCount * 2);
        }
        Fulfillment f = new Fulfillment(id);
        fulfillments[fulfillmentCount++] = f;
        return f;
    }

    Fulfillment findFulfillment(String id) {
        for (int i = 0; i < fulfillmentCount; i++) {
            if (fulfillments[i].id.equals(id)) {
                return fulfillments[i];
            }
        }
        return null;
    }

    void addReturn(long at, int line, int quantity) {
        if (returnAt == null) {
            returnAt = new long[1];
            returnUnits = new int[2];
        } else if (returnCount == returnAt.length) {
            returnAt = Arrays.copyOf(returnAt, returnCount * 2);
            returnUnits = Arrays.copyOf(returnUnits, returnCount * 4);
        }
        returnAt[returnCount] = at;
        returnUnits[2 * returnCount] = line;
        returnUnits[2 * returnCount + 1] = quantity;
        returnCount++;
    }

    /** Adds the facts of {@code other} (the same order, folded elsewhere) to this state. */
    void mergeFrom(OrderState other) {
        if (other.placed && !placed) {
            placed = true;
            channel = other.channel;
            placedAt = other.placedAt;
            promisedBy = other.promisedBy;
            currency = other.currency;
        }
        if (currency == null) {
            currency = other.currency;
        }
        int[] lineMap = new int[other.lineCount];
        for (int j = 0; j < other.lineCount; j++) {
            int i = line(other.lineIds[j]);
            lineMap[j] = i;
            if (skus[i] == null) {
                skus[i] = other.skus[j];
            }
            unitCost[i] = Math.max(unitCost[i], other.unitCost[j]);
            max(i, ORDERED, other.get(j, ORDERED));
            max(i, EXCHANGE, other.get(j, EXCHANGE));
            add(i, BACKORDERED, other.get(j, BACKORDERED));
            add(i, CANCEL_WITHDRAW, other.get(j, CANCEL_WITHDRAW));
            add(i, CANCEL_UNMET, other.get(j, CANCEL_UNMET));
            add(i, CANCEL_NO_REASON, other.get(j, CANCEL_NO_REASON));
        }
        maxCancelAt = Math.max(maxCancelAt, other.maxCancelAt);
        cancelInitiators |= other.cancelInitiators;
        if (orderCancelInitiator == null) {
            orderCancelInitiator = other.orderCancelInitiator;
            orderCancelReason = other.orderCancelReason;
        }
        for (int k = 0; k < other.fulfillmentCount; k++) {
            Fulfillment of = other.fulfillments[k];
            fulfillment(of.id).mergeFrom(of, lineMap);
        }
        for (int k = 0; k < other.returnCount; k++) {
            addReturn(other.returnAt[k], lineMap[other.returnUnits[2 * k]], other.returnUnits[2 * k + 1]);
        }
    }
}

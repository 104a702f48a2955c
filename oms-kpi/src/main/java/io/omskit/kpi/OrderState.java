package io.omskit.kpi;

import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LineId;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the KPI calculators keep of one order: a fold of its events in which every field is set idempotently or
 * combined commutatively (sums, max, or). Folding the same events in any order, or folding two halves and
 * merging them, gives the same state. Times are epoch milliseconds, {@link #NONE} when absent. Not thread-safe.
 *
 * <p>Packed for memory (issue 5): the order id is kept as Latin-1 bytes when it can be (else as the string); the
 * channel, currency, line ids and SKUs are codes of the accumulator's {@link Dictionaries}; the lines are one
 * {@code long[]} of {@value #LINE_LONGS} words each (line id and SKU codes, unit cost, ordered units and exchange
 * flag); what few orders have (backorders, cancellations, returns) lives in a {@link Rare} object created on first
 * use; fulfillments are a list linked through {@link Fulfillment#next}.
 */
final class OrderState {
    static final long NONE = Long.MIN_VALUE;

    // per-line fields
    static final int ORDERED = 0;
    static final int BACKORDERED = 1;
    static final int CANCEL_WITHDRAW = 2;
    static final int CANCEL_UNMET = 3;
    static final int CANCEL_NO_REASON = 4;
    static final int EXCHANGE = 5;

    static final int CANCEL_BY_CUSTOMER = 1;
    static final int CANCEL_BY_OTHER = 2;
    static final int CANCEL_BY_UNKNOWN = 4;

    /** Words per line: [line id code | SKU code &lt;&lt; 32], unit cost, [ordered | exchange &lt;&lt; 32]. */
    static final int LINE_LONGS = 3;
    private static final long LOW = 0xFFFF_FFFFL;
    private static final long[] NO_LINES = new long[0];

    /** The order id: Latin-1 bytes, or the String when it has a character above U+00FF. */
    private final Object key;
    /** The next state in the same bucket of the {@link OrderTable}, or null. */
    OrderState nextInTable;
    boolean placed;
    /** Currency code (at most a few hundred currencies exist). */
    short currency;
    /** Channel id code. */
    int channel;
    long placedAt = NONE;
    long promisedBy = NONE;
    /** {@link #LINE_LONGS} words per line, exactly as many lines as the order has. */
    private long[] lines = NO_LINES;
    private Rare rare;
    /** The first fulfillment, or null. */
    Fulfillment fulfillments;

    private static final long[] NO_TIMES = new long[0];

    /** What few orders have: per-line backorder and cancellation counters, cancellation details, returns. */
    static final class Rare {
        static final int INTS = 4;
        /** Per line {@link #INTS} ints: BACKORDERED, CANCEL_WITHDRAW, CANCEL_UNMET, CANCEL_NO_REASON. */
        int[] lineInts = new int[0];
        /** Per line, the time of its last cancellation (NONE: none); grown on the first cancellation of a line. */
        long[] cancelAt = NO_TIMES;
        int cancelInitiators;
        Initiator orderCancelInitiator;
        String orderCancelReason;
        int returnCount;
        long[] returnAt;
        /** Pairs (line index, quantity). */
        int[] returnUnits;

        /**
         * Keeps the order's cancellation by the lowest initiator, ties by the smaller reason (null first): the same
         * whichever order cancellations arrive in and however folds are merged.
         */
        void cancelledBy(Initiator initiator, String reason) {
            if (initiator == null) {
                return;
            }
            int c = orderCancelInitiator == null ? -1 : Integer.compare(initiator.ordinal(), orderCancelInitiator.ordinal());
            int byReason = reason == null ? (orderCancelReason == null ? 0 : -1)
                    : orderCancelReason == null ? 1 : reason.compareTo(orderCancelReason);
            if (c < 0 || (c == 0 && byReason < 0)) {
                orderCancelInitiator = initiator;
                orderCancelReason = reason;
            }
        }
    }

    OrderState(String orderId) {
        this.key = latin1(orderId);
    }

    private OrderState(Object key) {
        this.key = key;
    }

    /** An empty state with the same order id as {@code other}. */
    static OrderState sameOrder(OrderState other) {
        return new OrderState(other.key);
    }

    /** {@code orderId().hashCode()}, computed from the kept id. */
    int idHash() {
        if (key instanceof byte[]) {
            int h = 0;
            for (byte b : (byte[]) key) {
                h = 31 * h + (b & 0xFF);
            }
            return h;
        }
        return key.hashCode();
    }

    private static Object latin1(String id) {
        int n = id.length();
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c > 0xFF) {
                return id;
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** Whether this is the state of order {@code id}. */
    boolean hasId(String id) {
        if (key instanceof byte[]) {
            byte[] bytes = (byte[]) key;
            int n = bytes.length;
            if (n != id.length()) {
                return false;
            }
            for (int i = n - 1; i >= 0; i--) {
                if ((bytes[i] & 0xFF) != id.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        return key.equals(id);
    }

    /** Whether {@code other} is a state of the same order. */
    boolean sameId(OrderState other) {
        if (key instanceof byte[] && other.key instanceof byte[]) {
            return Arrays.equals((byte[]) key, (byte[]) other.key);
        }
        return key.equals(other.key);
    }

    String orderId() {
        return key instanceof byte[] ? new String((byte[]) key, StandardCharsets.ISO_8859_1) : (String) key;
    }

    // ---- lines

    int lineCount() {
        return lines.length / LINE_LONGS;
    }

    /** The index of line {@code id}, appended (with no SKU, no unit cost and no units) when new. */
    int line(LineId id, Codes<LineId> lineIds) {
        int n = lines.length / LINE_LONGS;
        for (int i = 0; i < n; i++) {
            if (lineIds.value((int) lines[i * LINE_LONGS]).equals(id)) {
                return i;
            }
        }
        int code = lineIds.code(id);
        long[] grown = Arrays.copyOf(lines, (n + 1) * LINE_LONGS);
        grown[n * LINE_LONGS] = code & LOW;
        grown[n * LINE_LONGS + 1] = NONE;
        lines = grown;
        return n;
    }

    /** Makes the lines of a state without lines: {@code count} lines of distinct line id codes {@code codes}. */
    void newLines(int[] codes, int count) {
        if (lines.length != 0) {
            throw new IllegalStateException("order " + orderId() + " has lines already");
        }
        long[] made = new long[count * LINE_LONGS];
        for (int i = 0; i < count; i++) {
            made[i * LINE_LONGS] = codes[i] & LOW;
            made[i * LINE_LONGS + 1] = NONE;
        }
        lines = made;
    }

    int lineIdCode(int line) {
        return (int) lines[line * LINE_LONGS];
    }

    /** The line's SKU code, 0 when not known yet. */
    int sku(int line) {
        return (int) (lines[line * LINE_LONGS] >>> 32);
    }

    void sku(int line, int code) {
        int k = line * LINE_LONGS;
        lines[k] = (lines[k] & LOW) | ((long) code << 32);
    }

    /** The line's unit cost in minor units, {@link #NONE} when not known. */
    long unitCost(int line) {
        return lines[line * LINE_LONGS + 1];
    }

    void unitCost(int line, long minorUnits) {
        lines[line * LINE_LONGS + 1] = minorUnits;
    }

    int get(int line, int field) {
        if (field == ORDERED) {
            return (int) lines[line * LINE_LONGS + 2];
        }
        if (field == EXCHANGE) {
            return (int) (lines[line * LINE_LONGS + 2] >>> 32);
        }
        if (rare == null) {
            return 0;
        }
        int k = line * Rare.INTS + field - 1;
        return k < rare.lineInts.length ? rare.lineInts[k] : 0;
    }

    private void set(int line, int field, int value) {
        int k = line * LINE_LONGS + 2;
        if (field == ORDERED) {
            lines[k] = (lines[k] & ~LOW) | (value & LOW);
        } else if (field == EXCHANGE) {
            lines[k] = (lines[k] & LOW) | ((long) value << 32);
        } else {
            int r = line * Rare.INTS + field - 1;
            if (value == 0 && (rare == null || r >= rare.lineInts.length)) {
                return;
            }
            Rare x = rare();
            if (r >= x.lineInts.length) {
                x.lineInts = Arrays.copyOf(x.lineInts, lineCount() * Rare.INTS);
            }
            x.lineInts[r] = value;
        }
    }

    void add(int line, int field, int quantity) {
        set(line, field, get(line, field) + quantity);
    }

    void max(int line, int field, int value) {
        set(line, field, Math.max(get(line, field), value));
    }

    // ---- rare facts

    Rare rare() {
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }

    /** Whether the side object of rare facts exists (it is created on the first rare fact). */
    boolean hasRare() {
        return rare != null;
    }

    /** Records a cancellation of units of line {@code line} at {@code at} (the latest per line is kept). */
    void cancelledAt(int line, long at) {
        Rare x = rare();
        if (line >= x.cancelAt.length) {
            int old = x.cancelAt.length;
            x.cancelAt = Arrays.copyOf(x.cancelAt, Math.max(line + 1, lineCount()));
            Arrays.fill(x.cancelAt, old, x.cancelAt.length, NONE);
        }
        x.cancelAt[line] = Math.max(x.cancelAt[line], at);
    }

    /**
     * The latest cancellation of a line that is not an exchange replacement (whose cancellation, like the rest of
     * it, is left out of the KPIs: a rejected exchange must not move its order's closure), or NONE.
     */
    long maxCancelAt() {
        if (rare == null) {
            return NONE;
        }
        long max = NONE;
        long[] at = rare.cancelAt;
        for (int i = 0, n = Math.min(at.length, lineCount()); i < n; i++) {
            if (at[i] != NONE && get(i, EXCHANGE) == 0) {
                max = Math.max(max, at[i]);
            }
        }
        return max;
    }

    int cancelInitiators() {
        return rare == null ? 0 : rare.cancelInitiators;
    }

    Initiator orderCancelInitiator() {
        return rare == null ? null : rare.orderCancelInitiator;
    }

    String orderCancelReason() {
        return rare == null ? null : rare.orderCancelReason;
    }

    int returnCount() {
        return rare == null ? 0 : rare.returnCount;
    }

    long returnAt(int r) {
        return rare.returnAt[r];
    }

    int returnLine(int r) {
        return rare.returnUnits[2 * r];
    }

    int returnQuantity(int r) {
        return rare.returnUnits[2 * r + 1];
    }

    void addReturn(long at, int line, int quantity) {
        Rare x = rare();
        if (x.returnAt == null) {
            x.returnAt = new long[1];
            x.returnUnits = new int[2];
        } else if (x.returnCount == x.returnAt.length) {
            x.returnAt = Arrays.copyOf(x.returnAt, x.returnCount * 2);
            x.returnUnits = Arrays.copyOf(x.returnUnits, x.returnCount * 4);
        }
        x.returnAt[x.returnCount] = at;
        x.returnUnits[2 * x.returnCount] = line;
        x.returnUnits[2 * x.returnCount + 1] = quantity;
        x.returnCount++;
    }

    // ---- fulfillments

    /** The fulfillment {@code id}, appended to the list when new. */
    Fulfillment fulfillment(String id) {
        Fulfillment last = null;
        for (Fulfillment f = fulfillments; f != null; f = f.next) {
            if (f.id.equals(id)) {
                return f;
            }
            last = f;
        }
        Fulfillment f = new Fulfillment(id);
        if (last == null) {
            fulfillments = f;
        } else {
            last.next = f;
        }
        return f;
    }

    /** Adds the facts of {@code other} (the same order, folded elsewhere, its codes recoded by {@code r}). */
    void mergeFrom(OrderState other, Dictionaries.Recoder r) {
        if (other.placed && !placed) {
            placed = true;
            channel = r.channel(other.channel);
            placedAt = other.placedAt;
            promisedBy = other.promisedBy;
            currency = (short) r.currency(other.currency);
        }
        if (currency == 0) {
            currency = (short) r.currency(other.currency);
        }
        int n = other.lineCount();
        int[] lineMap = new int[n];
        for (int j = 0; j < n; j++) {
            int i = line(r.lineId(other.lineIdCode(j)), r.to.lineIds);
            lineMap[j] = i;
            if (sku(i) == 0) {
                sku(i, r.sku(other.sku(j)));
            }
            unitCost(i, Math.max(unitCost(i), other.unitCost(j)));
            max(i, ORDERED, other.get(j, ORDERED));
            max(i, EXCHANGE, other.get(j, EXCHANGE));
            add(i, BACKORDERED, other.get(j, BACKORDERED));
            add(i, CANCEL_WITHDRAW, other.get(j, CANCEL_WITHDRAW));
            add(i, CANCEL_UNMET, other.get(j, CANCEL_UNMET));
            add(i, CANCEL_NO_REASON, other.get(j, CANCEL_NO_REASON));
        }
        Rare o = other.rare;
        if (o != null) {
            Rare x = rare();
            for (int j = 0; j < o.cancelAt.length; j++) {
                if (o.cancelAt[j] != NONE) {
                    cancelledAt(lineMap[j], o.cancelAt[j]);
                }
            }
            x.cancelInitiators |= o.cancelInitiators;
            x.cancelledBy(o.orderCancelInitiator, o.orderCancelReason);
            for (int k = 0; k < o.returnCount; k++) {
                addReturn(o.returnAt[k], lineMap[o.returnUnits[2 * k]], o.returnUnits[2 * k + 1]);
            }
        }
        for (Fulfillment of = other.fulfillments; of != null; of = of.next) {
            fulfillment(of.id).mergeFrom(of, lineMap, r);
        }
    }
}

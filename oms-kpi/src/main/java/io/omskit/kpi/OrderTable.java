package io.omskit.kpi;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The per-order states of an accumulator by order id: an open-addressing hash table (linear probing, at most
 * three quarters full) of {@link OrderState}s, which carry their own id and hash, so that an order costs one slot
 * of the table and no entry object or key object of its own. Not thread-safe.
 */
final class OrderTable implements Iterable<OrderState> {
    private static final int GOLDEN = 0x9E37_79B9;

    private OrderState[] slots;
    private int shift;
    private int size;

    OrderTable() {
        slots = new OrderState[16];
        shift = 32 - 4;
    }

    int size() {
        return size;
    }

    private int index(int hash) {
        return (hash * GOLDEN) >>> shift;
    }

    /** The state of order {@code id}, or null. */
    OrderState get(String id) {
        int h = id.hashCode();
        int mask = slots.length - 1;
        for (int i = index(h);; i = (i + 1) & mask) {
            OrderState s = slots[i];
            if (s == null) {
                return null;
            }
            if (s.hash == h && s.hasId(id)) {
                return s;
            }
        }
    }

    /** The state of order {@code id}, created empty when absent. */
    OrderState getOrCreate(String id) {
        int h = id.hashCode();
        int mask = slots.length - 1;
        int i = index(h);
        for (;; i = (i + 1) & mask) {
            OrderState s = slots[i];
            if (s == null) {
                break;
            }
            if (s.hash == h && s.hasId(id)) {
                return s;
            }
        }
        OrderState s = new OrderState(id);
        insertAt(i, s);
        return s;
    }

    /** The state of the order of {@code other} (a state from another table), or null. */
    OrderState get(OrderState other) {
        int mask = slots.length - 1;
        for (int i = index(other.hash);; i = (i + 1) & mask) {
            OrderState s = slots[i];
            if (s == null) {
                return null;
            }
            if (s.sameId(other)) {
                return s;
            }
        }
    }

    /** Adds {@code state}, whose order must not be here yet. */
    void add(OrderState state) {
        int mask = slots.length - 1;
        int i = index(state.hash);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        insertAt(i, state);
    }

    private void insertAt(int i, OrderState s) {
        slots[i] = s;
        size++;
        if (size > slots.length / 4 * 3) {
            grow();
        }
    }

    private void grow() {
        OrderState[] old = slots;
        slots = new OrderState[old.length * 2];
        shift--;
        int mask = slots.length - 1;
        for (OrderState s : old) {
            if (s != null) {
                int i = index(s.hash);
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
            }
        }
    }

    @Override
    public Iterator<OrderState> iterator() {
        return new Iterator<>() {
            private final OrderState[] table = slots;
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < table.length && table[i] == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < table.length;
            }

            @Override
            public OrderState next() {
                if (next >= table.length) {
                    throw new NoSuchElementException();
                }
                OrderState s = table[next];
                next = advance(next + 1);
                return s;
            }
        };
    }
}

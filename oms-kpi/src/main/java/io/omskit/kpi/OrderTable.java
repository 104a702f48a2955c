package io.omskit.kpi;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The per-order states of an accumulator by order id: a hash table whose buckets chain the {@link OrderState}s
 * themselves (through {@link OrderState#nextInTable}), which carry their own id, so that an order costs a quarter
 * to half a bucket slot and no entry object or key object of its own. Bucket of an id: {@code String.hashCode}
 * spread as {@code java.util.HashMap} does, so that ids that differ in their last character (order numbers) fall
 * in neighbouring buckets and a fold of a stream of orders reads the table in sequence. At most three quarters full
 * on average; ids of one bucket are compared one by one (no tree). Not thread-safe.
 */
final class OrderTable implements Iterable<OrderState> {
    private OrderState[] buckets = new OrderState[16];
    private int size;

    int size() {
        return size;
    }

    private static int index(int hash, int length) {
        return (hash ^ (hash >>> 16)) & (length - 1);
    }

    /** The state of order {@code id}, or null. */
    OrderState get(String id) {
        for (OrderState s = buckets[index(id.hashCode(), buckets.length)]; s != null; s = s.nextInTable) {
            if (s.hasId(id)) {
                return s;
            }
        }
        return null;
    }

    /** The state of order {@code id}, created empty when absent. */
    OrderState getOrCreate(String id) {
        int i = index(id.hashCode(), buckets.length);
        OrderState first = buckets[i];
        for (OrderState s = first; s != null; s = s.nextInTable) {
            if (s.hasId(id)) {
                return s;
            }
        }
        OrderState s = new OrderState(id);
        s.nextInTable = first;
        buckets[i] = s;
        grown();
        return s;
    }

    /** The state of the order of {@code other} (a state from another table), or null. */
    OrderState get(OrderState other) {
        for (OrderState s = buckets[index(other.idHash(), buckets.length)]; s != null; s = s.nextInTable) {
            if (s.sameId(other)) {
                return s;
            }
        }
        return null;
    }

    /** Adds {@code state} (of no table yet), whose order must not be here yet. */
    void add(OrderState state) {
        int i = index(state.idHash(), buckets.length);
        state.nextInTable = buckets[i];
        buckets[i] = state;
        grown();
    }

    private void grown() {
        size++;
        if (size > buckets.length / 4 * 3) {
            OrderState[] old = buckets;
            OrderState[] grown = new OrderState[old.length * 2];
            for (int b = old.length - 1; b >= 0; b--) {
                OrderState s = old[b];
                while (s != null) {
                    OrderState next = s.nextInTable;
                    int i = index(s.idHash(), grown.length);
                    s.nextInTable = grown[i];
                    grown[i] = s;
                    s = next;
                }
            }
            buckets = grown;
        }
    }

    @Override
    public Iterator<OrderState> iterator() {
        return new Iterator<>() {
            private final OrderState[] table = buckets;
            private int bucket = -1;
            private OrderState next = advance(null);

            private OrderState advance(OrderState from) {
                if (from != null && from.nextInTable != null) {
                    return from.nextInTable;
                }
                while (++bucket < table.length) {
                    if (table[bucket] != null) {
                        return table[bucket];
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public OrderState next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                OrderState s = next;
                next = advance(s);
                return s;
            }
        };
    }
}

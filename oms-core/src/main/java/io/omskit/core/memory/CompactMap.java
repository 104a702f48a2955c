package io.omskit.core.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A concurrent hash map for the in-memory adapters' ever-growing indexes (every order, key and reservation is
 * kept): keys and values sit side by side in the open-addressing arrays of a fixed number of stripes, so an entry
 * costs two array slots instead of a node object of its own (what a {@link java.util.concurrent.ConcurrentHashMap}
 * keeps per entry: 32 bytes and one more object for the collector to copy), and each key's hash in an
 * {@code int} array beside them. Entries are never removed; a value
 * may be replaced. Null keys and values are refused.
 *
 * <p>Thread-safe. Every change of a stripe is made under that stripe's monitor; {@link #compute} and
 * {@link #computeIfAbsent} run their function under it too, so calls on one key are serialized (as
 * {@code ConcurrentHashMap.compute} serializes them), while keys of other stripes proceed in parallel. The
 * function may call this map again (the monitor is reentrant); it must be quick, as it blocks its stripe.
 * {@link #get} does not lock: a new entry's value is written before its key, each with release semantics, and
 * read after it with acquire semantics, and a stripe's grown array is published by a volatile write once it is
 * complete (the arrays it replaces are never written again), so a reader sees every change completed before
 * it started, and each value whole.
 *
 * @param <K> the key type, with a proper {@link Object#hashCode} and {@link Object#equals}
 * @param <V> the value type
 */
final class CompactMap<K, V> {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final int STRIPE_BITS = 6;
    private static final int STRIPES = 1 << STRIPE_BITS;
    private static final int INITIAL_CAPACITY = 8;

    /**
     * The arrays of one stripe: its entries {@code [k0, v0, k1, v1, ...]} in a power-of-two number of slot
     * pairs, and each key's mixed hash beside them, compared before the key itself (a probe past another key
     * then reads no key object).
     */
    private static final class Table {
        final Object[] kv;
        final int[] hashes;

        Table(int capacity) {
            kv = new Object[2 * capacity];
            hashes = new int[capacity];
        }
    }

    /** One stripe: its table and the number of its entries. */
    private static final class Stripe {
        /** Replaced (never shrunk) under this stripe's monitor when it is three quarters full. */
        volatile Table table = new Table(INITIAL_CAPACITY);
        /** Entries in {@link #table}; guarded by this stripe's monitor. */
        int size;
    }

    private final Stripe[] stripes = new Stripe[STRIPES];
    /** Whether string keys are kept as their Latin-1 bytes (see {@link #withPackedStringKeys}). */
    private final boolean packKeys;

    /** An empty map. */
    CompactMap() {
        this(false);
    }

    private CompactMap(boolean packKeys) {
        this.packKeys = packKeys;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * An empty map whose keys, strings that only the map keeps (such as the idempotency keys a provider is called
     * with), are kept as their bytes when every char is Latin-1: one array per key instead of a {@link String}
     * and its array. Lookups compare a string's chars with the bytes; {@link #forEach} gives equal strings back.
     */
    static <V> CompactMap<String, V> withPackedStringKeys() {
        return new CompactMap<>(true);
    }

    /** What is stored for {@code key}: its Latin-1 bytes when packing and every char fits in one, else the key. */
    private Object stored(Object key) {
        if (packKeys && key instanceof String text) {
            int n = text.length();
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c > 0xFF) {
                    return key;
                }
                b[i] = (byte) c;
            }
            return b;
        }
        return key;
    }

    /** Whether the stored key {@code k} is {@code key}. */
    private static boolean matches(Object k, Object key) {
        if (k == key) {
            return true;
        }
        if (k instanceof byte[] b) { // a packed string key: only strings are ever looked up in such a map
            if (!(key instanceof String text) || text.length() != b.length) {
                return false;
            }
            for (int i = 0; i < b.length; i++) {
                if ((b[i] & 0xFF) != text.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
        return k.equals(key);
    }

    /** The key's hash with every bit mixed (murmur3's finalizer): low bits pick the stripe, the rest the slot. */
    private static int mix(Object key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /**
     * The slot pair of {@code key} in {@code table}: its index ({@code >= 0}) when present, else
     * {@code -(index + 1)} of the empty pair where it would go.
     */
    private static int find(Table table, Object key, int h) {
        Object[] kv = table.kv;
        int[] hashes = table.hashes;
        int mask = hashes.length - 1;
        for (int i = (h >>> STRIPE_BITS) & mask; ; i = (i + 1) & mask) {
            Object k = SLOT.getAcquire(kv, 2 * i);
            if (k == null) {
                return -(i + 1);
            }
            if (hashes[i] == h && matches(k, key)) { // the hash was written before the key
                return i;
            }
        }
    }

    private Stripe stripe(int h) {
        return stripes[h & (STRIPES - 1)];
    }

    /** The value of {@code key}, or null. */
    V get(Object key) {
        Objects.requireNonNull(key, "key");
        int h = mix(key);
        Table t = stripe(h).table;
        int i = find(t, key, h);
        return i < 0 ? null : value(t.kv, i);
    }

    /** Whether {@code key} has a value. */
    boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** Puts {@code value} unless {@code key} has one; returns the value it had, or null (then it was put). */
    V putIfAbsent(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        int h = mix(key);
        Stripe s = stripe(h);
        Table t = s.table;
        int i = find(t, key, h);
        if (i >= 0) { // taken: no lock
            return value(t.kv, i);
        }
        synchronized (s) {
            t = s.table;
            i = find(t, key, h);
            if (i >= 0) {
                return value(t.kv, i);
            }
            insert(s, key, value, h);
            return null;
        }
    }

    /**
     * The value of {@code key}, made by {@code make} if it has none: at most once per key, under the stripe's
     * monitor. If {@code make} throws, nothing changes.
     */
    V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
        Objects.requireNonNull(key, "key");
        int h = mix(key);
        Stripe s = stripe(h);
        Table t = s.table;
        int i = find(t, key, h);
        if (i >= 0) { // the common repeat: no lock
            return value(t.kv, i);
        }
        synchronized (s) {
            t = s.table;
            i = find(t, key, h);
            if (i >= 0) {
                return value(t.kv, i);
            }
            V v = Objects.requireNonNull(make.apply(key), "computed value");
            i = find(s.table, key, h); // found again: make may have called this map and grown the stripe
            if (i >= 0) {
                SLOT.setRelease(s.table.kv, 2 * i + 1, v);
            } else {
                insert(s, key, v, h);
            }
            return v;
        }
    }

    /**
     * Replaces the value of {@code key} with what {@code remap} makes of it (given null when it has none), under
     * the stripe's monitor; returns the new value. If {@code remap} throws, nothing changes.
     */
    V compute(K key, BiFunction<? super K, ? super V, ? extends V> remap) {
        Objects.requireNonNull(key, "key");
        int h = mix(key);
        Stripe s = stripe(h);
        synchronized (s) {
            Table t = s.table;
            int i = find(t, key, h);
            V old = i < 0 ? null : value(t.kv, i);
            V v = Objects.requireNonNull(remap.apply(key, old), "computed value");
            if (v != old) {
                // found again: remap may have called this map and grown the stripe
                t = s.table;
                i = find(t, key, h);
                if (i >= 0) {
                    SLOT.setRelease(t.kv, 2 * i + 1, v);
                } else {
                    insert(s, key, v, h);
                }
            }
            return v;
        }
    }

    /** Adds a new entry; under the stripe's monitor, {@code key} absent. */
    private void insert(Stripe s, Object key, Object value, int h) {
        Table t = s.table;
        if (4 * (s.size + 1) > 3 * t.hashes.length) {
            t = grown(t);
            s.table = t; // published whole: every slot of it is written before this volatile write
        }
        int i = -(find(t, key, h) + 1);
        t.hashes[i] = h;
        SLOT.setRelease(t.kv, 2 * i + 1, value); // the hash and value first: a reader that finds the key sees them
        SLOT.setRelease(t.kv, 2 * i, stored(key));
        s.size++;
    }

    private static Table grown(Table t) {
        Table g = new Table(2 * t.hashes.length);
        int mask = g.hashes.length - 1;
        for (int j = 0; j < t.hashes.length; j++) {
            Object k = t.kv[2 * j];
            if (k != null) {
                int h = t.hashes[j];
                int i = (h >>> STRIPE_BITS) & mask;
                while (g.kv[2 * i] != null) {
                    i = (i + 1) & mask;
                }
                g.hashes[i] = h;
                g.kv[2 * i] = k;
                g.kv[2 * i + 1] = t.kv[2 * j + 1];
            }
        }
        return g;
    }

    /** How many keys have a value (a moment's count while others change the map). */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    /** Calls {@code action} with each entry; weakly consistent (sees the entries of each stripe at some moment). */
    void forEach(BiConsumer<? super K, ? super V> action) {
        for (Stripe s : stripes) {
            Object[] kv = s.table.kv;
            for (int i = 0; i < kv.length >> 1; i++) {
                Object k = SLOT.getAcquire(kv, 2 * i);
                if (k != null) {
                    action.accept(key(k), value(kv, i));
                }
            }
        }
    }

    @SuppressWarnings("unchecked") // only keys of type K are ever put; packed ones only in a map of strings
    private K key(Object stored) {
        return (K) (stored instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : stored);
    }

    @SuppressWarnings("unchecked") // only values of type V are ever put
    private static <T> T value(Object[] t, int i) {
        return (T) SLOT.getAcquire(t, 2 * i + 1);
    }
}

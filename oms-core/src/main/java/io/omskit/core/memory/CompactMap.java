package io.omskit.core.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A concurrent hash map for the in-memory adapters' ever-growing indexes (every order, key and reservation is
 * kept), shaped for a generational collector. Entries are never removed; a value may be replaced. Null keys and
 * values are refused.
 *
 * <p>The map is split into a fixed number of stripes. A stripe appends its entries, key and value side by side,
 * to chunks of an array that only grows at its end, and finds them through an open-addressing index of
 * {@code int}s (each key's mixed hash and its entry's position). So an entry costs two array slots instead of a
 * node object of its own (what a {@link java.util.concurrent.ConcurrentHashMap} keeps per entry: 32 bytes and
 * one more object for the collector to copy); the index holds no references, so the collector never scans it;
 * and new entries and the replaced values of recent ones are written near the end of their stripe's entries,
 * so a young collection finds few changed places in the old arrays to scan, where a hash table is written all
 * over.
 *
 * <p>Thread-safe. Every change of a stripe is made under that stripe's monitor; {@link #compute} and
 * {@link #computeIfAbsent} run their function under it too, so calls on one key are serialized (as
 * {@code ConcurrentHashMap.compute} serializes them), and so are calls on keys of one stripe (an eighth of the
 * keys); keys of other stripes proceed in parallel. The function must be quick and must not change this map or
 * ask its {@link #size}: such a call throws {@link IllegalStateException} and changes nothing (a change of the
 * same key would be lost or made twice, and one of another stripe could deadlock with a thread doing the
 * reverse); it may {@link #get}. Keys are placed by their {@code hashCode}: many keys with one hash code (which
 * a client choosing string keys can make) are found by a linear scan, so, like the in-memory adapters that use
 * it, this map is not meant for untrusted traffic ({@code ConcurrentHashMap} keeps such keys in trees).
 * {@link #get} does not lock: an entry's value and key are written (with release semantics) before its position
 * is published in the index (with release semantics), and read after it (with acquire semantics); a grown index
 * or chunk directory is published by a volatile write once complete (an index it replaces is never written
 * again, and entries never move), so a reader sees every change completed before it started, and each value
 * whole.
 *
 * @param <K> the key type, with a proper {@link Object#hashCode} and {@link Object#equals}
 * @param <V> the value type
 */
final class CompactMap<K, V> {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle INT = MethodHandles.arrayElementVarHandle(int[].class);
    /**
     * Eight stripes: few enough that each stripe's end, where its entries are appended, stays in the cache between
     * inserts (with 64 the order thread paid about 10% more, A/B in one JVM), enough that a few threads rarely
     * wait for one another.
     */
    private static final int STRIPE_BITS = 3;
    private static final int STRIPES = 1 << STRIPE_BITS;
    private static final int INITIAL_CAPACITY = 8;
    /** Entries per chunk: {@code 1 << CHUNK_BITS}. */
    private static final int CHUNK_BITS = 6;
    private static final int CHUNK = 1 << CHUNK_BITS;

    /** One stripe. */
    private static final class Stripe {
        /**
         * The index: {@code [hash0, position0 + 1, hash1, position1 + 1, ...]}, a power-of-two number of pairs, a
         * position of 0 meaning an empty pair. Replaced (never shrunk) when three quarters full.
         */
        volatile int[] index = new int[2 * INITIAL_CAPACITY];
        /** The entry chunks, each {@code [k0, v0, k1, v1, ...]} for {@link #CHUNK} positions; grown at its end. */
        volatile Object[][] chunks = new Object[4][];
        /** Entries so far: the next entry's position. Written under this stripe's monitor. */
        volatile int size;
        /**
         * The thread running a function of {@link #compute} or {@link #computeIfAbsent} on this stripe, else null.
         * Read without the monitor only to compare with the reading thread: a thread always sees its own writes,
         * and never finds itself in another thread's write.
         */
        Thread inFunction;
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
    private boolean matches(Object k, Object key) {
        if (k == key) {
            return true;
        }
        if (packKeys && k instanceof byte[] b) { // a packed string key: only strings are ever looked up in such a map
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

    private Stripe stripe(int h) {
        return stripes[h & (STRIPES - 1)];
    }

    /**
     * The position of {@code key}'s entry in stripe {@code s} ({@code >= 0}) when present, else
     * {@code -(pair + 1)} of the empty index pair where it would go.
     */
    private int find(Stripe s, Object key, int h) {
        int[] index = s.index;
        int mask = (index.length >> 1) - 1;
        for (int i = (h >>> STRIPE_BITS) & mask; ; i = (i + 1) & mask) {
            int p = (int) INT.getAcquire(index, 2 * i + 1);
            if (p == 0) {
                return -(i + 1);
            }
            if (index[2 * i] == h) { // the hash was written before the position
                int pos = p - 1;
                Object[][] chunks = s.chunks; // read after the position: holds its chunk
                Object k = SLOT.getAcquire(chunks[pos >>> CHUNK_BITS], 2 * (pos & (CHUNK - 1)));
                if (matches(k, key)) {
                    return pos;
                }
            }
        }
    }

    /** Refuses a change of this map from a function this map is running (see the class comment). */
    private void refuseFromFunction() {
        Thread me = Thread.currentThread();
        for (Stripe s : stripes) {
            if (s.inFunction == me) {
                throw new IllegalStateException("a function of this map changed it or asked its size; "
                        + "functions must not (recursive update)");
            }
        }
    }

    /** The value of {@code key}, or null. */
    V get(Object key) {
        Objects.requireNonNull(key, "key");
        int h = mix(key);
        Stripe s = stripe(h);
        int pos = find(s, key, h);
        return pos < 0 ? null : value(s, pos);
    }

    /** Whether {@code key} has a value. */
    boolean containsKey(Object key) {
        return get(key) != null;
    }

    /** Puts {@code value} unless {@code key} has one; returns the value it had, or null (then it was put). */
    V putIfAbsent(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return ifAbsent(key, value, null);
    }

    /**
     * The value of {@code key}, made by {@code make} if it has none: at most once per key, under the stripe's
     * monitor. If {@code make} throws, nothing changes.
     */
    V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
        Objects.requireNonNull(key, "key");
        return ifAbsent(key, null, Objects.requireNonNull(make, "make"));
    }

    /**
     * The value {@code key} has; else puts {@code value} (returning null) or, when {@code make} is given, what it
     * makes (returning that).
     */
    private V ifAbsent(K key, V value, Function<? super K, ? extends V> make) {
        int h = mix(key);
        Stripe s = stripe(h);
        int pos = find(s, key, h);
        if (pos >= 0) { // the common repeat: no lock
            return value(s, pos);
        }
        refuseFromFunction();
        synchronized (s) {
            pos = find(s, key, h);
            if (pos >= 0) {
                return value(s, pos);
            }
            if (make == null) {
                insert(s, key, value, h);
                return null;
            }
            V v;
            s.inFunction = Thread.currentThread();
            try {
                v = Objects.requireNonNull(make.apply(key), "computed value");
            } finally {
                s.inFunction = null;
            }
            insert(s, key, v, h);
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
        refuseFromFunction();
        synchronized (s) {
            int pos = find(s, key, h);
            V old = pos < 0 ? null : value(s, pos);
            V v;
            s.inFunction = Thread.currentThread();
            try {
                v = Objects.requireNonNull(remap.apply(key, old), "computed value");
            } finally {
                s.inFunction = null;
            }
            if (v != old) {
                if (pos >= 0) {
                    setValue(s, pos, v);
                } else {
                    insert(s, key, v, h);
                }
            }
            return v;
        }
    }

    private static void setValue(Stripe s, int pos, Object v) {
        SLOT.setRelease(s.chunks[pos >>> CHUNK_BITS], 2 * (pos & (CHUNK - 1)) + 1, v);
    }

    /** Appends a new entry and indexes it; under the stripe's monitor, {@code key} absent. */
    private void insert(Stripe s, Object key, Object value, int h) {
        int pos = s.size;
        int[] index = s.index;
        if (4 * (pos + 1) > 3 * (index.length >> 1)) { // grown first: a failure here leaves no unindexed entry
            index = grown(index);
            s.index = index; // published whole: every pair of it is written before this volatile write
        }
        int c = pos >>> CHUNK_BITS;
        Object[][] chunks = s.chunks;
        if (c == chunks.length || chunks[c] == null) {
            Object[][] dir = c < chunks.length ? chunks.clone() : Arrays.copyOf(chunks, 2 * chunks.length);
            dir[c] = new Object[2 * CHUNK];
            s.chunks = dir; // published whole, before any position in the new chunk is
            chunks = dir;
        }
        Object[] chunk = chunks[c];
        int slot = 2 * (pos & (CHUNK - 1));
        SLOT.setRelease(chunk, slot + 1, value);
        SLOT.setRelease(chunk, slot, stored(key));
        int i = -(find(s, key, h) + 1);
        index[2 * i] = h;
        INT.setRelease(index, 2 * i + 1, pos + 1); // last: the entry and its hash are in place
        s.size = pos + 1;
    }

    private static int[] grown(int[] index) {
        int[] g = new int[2 * index.length];
        int mask = (g.length >> 1) - 1;
        for (int j = 0; j < index.length; j += 2) {
            int p = index[j + 1];
            if (p != 0) {
                int h = index[j];
                int i = (h >>> STRIPE_BITS) & mask;
                while (g[2 * i + 1] != 0) {
                    i = (i + 1) & mask;
                }
                g[2 * i] = h;
                g[2 * i + 1] = p;
            }
        }
        return g;
    }

    /** How many keys have a value (a moment's count while others change the map). */
    int size() {
        refuseFromFunction();
        long n = 0;
        for (Stripe s : stripes) {
            n += s.size;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** Calls {@code action} with each entry; weakly consistent (sees the entries of each stripe at some moment). */
    void forEach(BiConsumer<? super K, ? super V> action) {
        for (Stripe s : stripes) {
            for (Object[] chunk : s.chunks) {
                if (chunk == null) {
                    break;
                }
                for (int i = 0; i < chunk.length; i += 2) {
                    Object k = SLOT.getAcquire(chunk, i);
                    if (k == null) {
                        break; // entries are appended in order: the rest of the stripe is empty
                    }
                    action.accept(key(k), cast(SLOT.getAcquire(chunk, i + 1)));
                }
            }
        }
    }

    @SuppressWarnings("unchecked") // only keys of type K are ever put; packed ones only in a map of strings
    private K key(Object stored) {
        return (K) (packKeys && stored instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : stored);
    }

    private V value(Stripe s, int pos) {
        return cast(SLOT.getAcquire(s.chunks[pos >>> CHUNK_BITS], 2 * (pos & (CHUNK - 1)) + 1));
    }

    @SuppressWarnings("unchecked") // only values of type V are ever put
    private V cast(Object value) {
        return (V) value;
    }
}

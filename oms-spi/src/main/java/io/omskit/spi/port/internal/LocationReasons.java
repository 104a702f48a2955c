package io.omskit.spi.port.internal;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.Checks;
import io.omskit.spi.model.LocationId;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable map of location id to reason over one fixed list of locations (a {@link Universe}), recorded
 * compactly by position and made into an ordinary map only when read. It holds the entries put into its
 * {@link Builder}, in the order they were put: single entries by position, and at most one run of every
 * position not in a given set, each with the universe's reason for that position. An id put twice keeps its
 * last reason. It is, for every read (get, iteration, size, equals, hashCode, toString), the map
 * {@code Map.ofEntries} makes of those entries in that order (with an id put twice: {@code Map.copyOf} of a
 * {@code HashMap} they were put into in that order), made once on the first read.
 *
 * <p>The explanation's excluded map as omskit's router makes it ({@code PlanExplanation} keeps it without a copy);
 * for {@code io.omskit.routing} (the module exports this package to it alone).
 *
 * <p>Immutable; thread-safe (the map made on the first read is an immutable JDK map, published safely by its
 * final fields; two threads reading first may both make it, equal). Mutators throw
 * {@link UnsupportedOperationException}, as the JDK's immutable maps do.
 */
public final class LocationReasons implements Map<LocationId, String> {
    private final Universe universe;
    private final int[] positions;
    private final String[] reasons;
    private final int count;
    /** How many single entries come before the run. */
    private final int runAt;
    /** The positions left out of the run, or null when there is no run. */
    private final long[] runExcept;
    /** The map, once made. */
    private Map<LocationId, String> map;

    private LocationReasons(Universe universe, int[] positions, String[] reasons, int count, int runAt,
                            long[] runExcept) {
        this.universe = universe;
        this.positions = positions;
        this.reasons = reasons;
        this.count = count;
        this.runAt = runAt;
        this.runExcept = runExcept;
    }

    /**
     * The locations a {@link LocationReasons} is over, with the reason each takes in a run. Immutable;
     * thread-safe; made once per location list and shared by every map over it.
     */
    public static final class Universe {
        private final List<LocationId> ids;
        private final List<String> runReasons;

        /**
         * @param ids the locations, by position (an id may appear twice; see {@link LocationReasons})
         * @param runReasons per position, the reason it takes in a run; as many as ids
         */
        public Universe(List<LocationId> ids, List<String> runReasons) {
            this.ids = Checks.list(ids, "ids");
            this.runReasons = Checks.list(runReasons, "run reasons");
            if (this.ids.size() != this.runReasons.size()) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "run reasons must be as many as ids ("
                        + this.ids.size() + "), were " + this.runReasons.size());
            }
        }

        /** How many locations. */
        public int size() {
            return ids.size();
        }

        /** A new, empty builder over these locations. */
        public Builder builder() {
            return new Builder(this);
        }
    }

    /**
     * Collects the entries of one {@link LocationReasons}, in order; {@link #build} hands them over, after which
     * the builder refuses every call. Mutable; not thread-safe.
     */
    public static final class Builder {
        private final Universe universe;
        private int[] positions = new int[8];
        private String[] reasons = new String[8];
        private int count;
        private int runAt = -1;
        private long[] runExcept;
        private boolean built;

        private Builder(Universe universe) {
            this.universe = universe;
        }

        /**
         * Puts the location at {@code position} with {@code reason}, after the entries put so far.
         *
         * @throws OmsValidationException INVALID_VALUE when the position is outside the universe or the builder
         *     was built; MISSING_VALUE without a reason
         */
        public Builder put(int position, String reason) {
            open();
            if (position < 0 || position >= universe.ids.size()) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "position outside the "
                        + universe.ids.size() + " locations: " + position);
            }
            Checks.present(reason, "reason");
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                reasons = Arrays.copyOf(reasons, count * 2);
            }
            positions[count] = position;
            reasons[count] = reason;
            count++;
            return this;
        }

        /**
         * Puts, after the entries put so far and in position order, every location whose position's bit is
         * clear in {@code except} (bit {@code p & 63} of {@code except[p >>> 6]}; positions beyond the array are
         * clear), each with the universe's reason for it. The array is copied. At most once per builder.
         *
         * @throws OmsValidationException INVALID_VALUE when a run was put already or the builder was built;
         *     MISSING_VALUE without an array
         */
        public Builder putAllExcept(long[] except) {
            open();
            Checks.present(except, "except");
            if (runAt >= 0) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "a run was put already");
            }
            int words = (universe.ids.size() + 63) >>> 6;
            runExcept = Arrays.copyOf(except, words);
            runAt = count;
            return this;
        }

        /**
         * The map of the entries put. The builder can not be used afterwards.
         *
         * @throws OmsValidationException INVALID_VALUE when it was built already
         */
        public LocationReasons build() {
            open();
            built = true;
            LocationReasons r = new LocationReasons(universe, positions, reasons, count, runAt < 0 ? count : runAt,
                    runExcept);
            positions = null;
            reasons = null;
            runExcept = null;
            return r;
        }

        private void open() {
            if (built) {
                throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "the builder was built already");
            }
        }
    }

    private Map<LocationId, String> map() {
        Map<LocationId, String> m = map;
        if (m == null) {
            m = make();
            map = m;
        }
        return m;
    }

    private Map<LocationId, String> make() {
        List<LocationId> ids = universe.ids;
        int size = ids.size();
        long[] except = runExcept;
        int inRun = 0;
        if (except != null) {
            for (int w = 0; w < except.length; w++) {
                long bits = ~except[w];
                if (w == except.length - 1 && (size & 63) != 0) {
                    bits &= (1L << (size & 63)) - 1;
                }
                inRun += Long.bitCount(bits);
            }
        }
        int total = count + inRun;
        @SuppressWarnings("unchecked") // no generic array creation in Java; every element is such an entry
        Map.Entry<LocationId, String>[] entries = (Map.Entry<LocationId, String>[]) new Map.Entry<?, ?>[total];
        int k = 0;
        for (int i = 0; i < runAt; i++) {
            entries[k++] = Map.entry(ids.get(positions[i]), reasons[i]);
        }
        if (except != null) {
            List<String> runReasons = universe.runReasons;
            for (int p = 0; p < size; p++) {
                if ((except[p >>> 6] & (1L << p)) == 0) {
                    entries[k++] = Map.entry(ids.get(p), runReasons.get(p));
                }
            }
        }
        for (int i = runAt; i < count; i++) {
            entries[k++] = Map.entry(ids.get(positions[i]), reasons[i]);
        }
        try {
            return Map.ofEntries(entries);
        } catch (IllegalArgumentException duplicateId) {
            Map<LocationId, String> last = new HashMap<>(total * 2);
            for (Map.Entry<LocationId, String> e : entries) {
                last.put(e.getKey(), e.getValue());
            }
            return Map.copyOf(last);
        }
    }

    @Override
    public int size() {
        return map().size();
    }

    @Override
    public boolean isEmpty() {
        return count == 0 && map().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map().containsValue(value);
    }

    @Override
    public String get(Object key) {
        return map().get(key);
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        return map().getOrDefault(key, defaultValue);
    }

    @Override
    public Set<LocationId> keySet() {
        return map().keySet();
    }

    @Override
    public Collection<String> values() {
        return map().values();
    }

    @Override
    public Set<Map.Entry<LocationId, String>> entrySet() {
        return map().entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super LocationId, ? super String> action) {
        map().forEach(action);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || map().equals(o);
    }

    @Override
    public int hashCode() {
        return map().hashCode();
    }

    @Override
    public String toString() {
        return map().toString();
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("an explanation's excluded map is immutable");
    }

    @Override
    public String put(LocationId key, String value) {
        throw immutable();
    }

    @Override
    public String remove(Object key) {
        throw immutable();
    }

    @Override
    public void putAll(Map<? extends LocationId, ? extends String> m) {
        throw immutable();
    }

    @Override
    public void clear() {
        throw immutable();
    }

    @Override
    public void replaceAll(BiFunction<? super LocationId, ? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String putIfAbsent(LocationId key, String value) {
        throw immutable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw immutable();
    }

    @Override
    public boolean replace(LocationId key, String oldValue, String newValue) {
        throw immutable();
    }

    @Override
    public String replace(LocationId key, String value) {
        throw immutable();
    }

    @Override
    public String computeIfAbsent(LocationId key, Function<? super LocationId, ? extends String> mappingFunction) {
        throw immutable();
    }

    @Override
    public String computeIfPresent(LocationId key,
                                   BiFunction<? super LocationId, ? super String, ? extends String> f) {
        throw immutable();
    }

    @Override
    public String compute(LocationId key, BiFunction<? super LocationId, ? super String, ? extends String> f) {
        throw immutable();
    }

    @Override
    public String merge(LocationId key, String value,
                        BiFunction<? super String, ? super String, ? extends String> f) {
        throw immutable();
    }
}

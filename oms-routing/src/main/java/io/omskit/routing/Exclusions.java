package io.omskit.routing;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.port.internal.LocationReasons;
import java.util.HashMap;
import java.util.Map;

/**
 * The locations left out of one request, with their reasons, collected in order and turned into the
 * explanation's map once. Over a network index the reasons are recorded by position in a
 * {@link LocationReasons} (which the explanation keeps as it is, and which makes its map only when
 * read), and the locations listing none of the order's SKUs may be put as one run of positions; else they are
 * built directly as an immutable map (which {@code PlanExplanation} then keeps as is) instead of a hash map that
 * the explanation would copy again. Either way a location id listed twice keeps its last reason, as a hash map
 * would, and the map is the same. Mutable; not thread-safe (one per request).
 */
final class Exclusions {
    private LocationId[] ids;
    private String[] reasons;
    private int size;
    private Map<LocationId, String> map;
    /** Over a network index: the entries by position; else null. */
    private LocationReasons.Builder byPosition;

    /** Reasons by location id (no index); the arrays are made at the first {@link #put} (often none comes). */
    Exclusions() {
    }

    /** Reasons by position in the index's list. */
    Exclusions(NetworkIndex index) {
        byPosition = index.reasons.builder();
    }

    /** Whether the reasons are recorded by position ({@link #putAt}, {@link #putAllExcept}). */
    boolean byPosition() {
        return byPosition != null;
    }

    void put(LocationId id, String reason) {
        if (ids == null) {
            ids = new LocationId[16];
            reasons = new String[16];
        } else if (size == ids.length) {
            ids = java.util.Arrays.copyOf(ids, size * 2);
            reasons = java.util.Arrays.copyOf(reasons, size * 2);
        }
        ids[size] = id;
        reasons[size] = reason;
        size++;
        map = null;
    }

    /** Puts the location at this position of the index's list (by position only). */
    void putAt(int position, String reason) {
        byPosition.put(position, reason);
    }

    /**
     * Puts every location of the index's list whose bit is clear in {@code except}, in list order, each with its
     * reason in {@link NetworkIndex#reasons} (by position only; at most once).
     */
    void putAllExcept(long[] except) {
        byPosition.putAllExcept(except);
    }

    /** The reasons by location, immutable. Nothing can be put afterwards. */
    Map<LocationId, String> toMap() {
        Map<LocationId, String> m = map;
        if (m != null) {
            return m;
        }
        if (byPosition != null) {
            m = byPosition.build();
            map = m;
            return m;
        }
        if (size == 0) {
            m = Map.of(); // what Map.ofEntries of no entries returns
            map = m;
            return m;
        }
        @SuppressWarnings("unchecked") // no generic array creation in Java; every element is an entry of these types
        Map.Entry<LocationId, String>[] entries = (Map.Entry<LocationId, String>[]) new Map.Entry<?, ?>[size];
        for (int i = 0; i < size; i++) {
            entries[i] = Map.entry(ids[i], reasons[i]);
        }
        try {
            m = Map.ofEntries(entries);
        } catch (IllegalArgumentException duplicateId) {
            Map<LocationId, String> last = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                last.put(ids[i], reasons[i]);
            }
            m = Map.copyOf(last);
        }
        map = m;
        return m;
    }
}

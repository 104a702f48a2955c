package io.omskit.routing;

import io.omskit.spi.model.LocationId;
import java.util.HashMap;
import java.util.Map;

/**
 * The locations left out of one request, with their reasons, collected in order and turned into the
 * explanation's map once: built directly as an immutable map (which {@code PlanExplanation} then keeps as is)
 * instead of a hash map that the explanation would copy again. A location id listed twice keeps its last
 * reason, as a hash map would. Mutable; not thread-safe (one per request).
 */
final class Exclusions {
    private LocationId[] ids = new LocationId[16];
    private String[] reasons = new String[16];
    private int size;
    private Map<LocationId, String> map;

    void put(LocationId id, String reason) {
        if (size == ids.length) {
            ids = java.util.Arrays.copyOf(ids, size * 2);
            reasons = java.util.Arrays.copyOf(reasons, size * 2);
        }
        ids[size] = id;
        reasons[size] = reason;
        size++;
        map = null;
    }

    /** The reasons by location, immutable. */
    Map<LocationId, String> toMap() {
        Map<LocationId, String> m = map;
        if (m != null) {
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

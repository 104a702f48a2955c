package io.omskit.kpi;

import io.omskit.spi.model.LineId;
import io.omskit.spi.model.Sku;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of the distinct values (SKUs, line ids, channel ids, location and carrier names, currencies) seen by one
 * accumulator, each with a small int code, so that per-order state keeps an int instead of a reference to a value of
 * its own. Code 0 stands for null; codes are given in order of first sight and never change. Codes belong to one
 * table: merging accumulators re-maps them ({@link #recode}). A {@link Sku} or {@link LineId} is looked up by the
 * string inside it (a record's generated {@code hashCode}, called from a site shared by every type of key, is not
 * inlined). Not thread-safe.
 */
final class Codes<T> {
    private final Map<Object, Integer> codes = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    Codes() {
        values.add(null);
    }

    private static Object key(Object value) {
        if (value instanceof Sku) {
            return ((Sku) value).value();
        }
        if (value instanceof LineId) {
            return ((LineId) value).value();
        }
        return value;
    }

    /** The code of {@code value}, given now when it is new; 0 for null. */
    int code(T value) {
        if (value == null) {
            return 0;
        }
        Object k = key(value);
        Integer known = codes.get(k);
        if (known != null) {
            return known;
        }
        int code = values.size();
        codes.put(k, code);
        values.add(value);
        return code;
    }

    /**
     * The code of {@code value}, trying first the code {@code hint} (for example the code of the same line of the
     * previous order: line ids repeat from order to order) before the lookup.
     */
    int code(T value, int hint) {
        if (hint > 0 && hint < values.size() && values.get(hint).equals(value)) {
            return hint;
        }
        return code(value);
    }

    /** The value of {@code code} (null for 0). */
    T value(int code) {
        return values.get(code);
    }

    /** How many codes are given, the null code included. */
    int size() {
        return values.size();
    }

    /**
     * The code here of the value that has {@code code} in {@code other}, given now when it is new here; {@code cache}
     * (as long as {@code other}'s size, zero-filled) remembers the answers, stored plus one.
     */
    int recode(Codes<T> other, int code, int[] cache) {
        if (code == 0) {
            return 0;
        }
        int known = cache[code];
        if (known == 0) {
            known = code(other.value(code)) + 1;
            cache[code] = known;
        }
        return known - 1;
    }
}

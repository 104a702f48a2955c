package io.omskit.kpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of the distinct values (SKUs, line ids, channel ids, location and carrier names, currencies) seen by one
 * accumulator, each with a small int code, so that per-order state keeps an int instead of a reference to a value of
 * its own. Code 0 stands for null; codes are given in order of first sight and never change. Codes belong to one
 * table: merging accumulators re-maps them ({@link #recode}). Not thread-safe.
 */
final class Codes<T> {
    private final Map<T, Integer> codes = new HashMap<>();
    private final List<T> values = new ArrayList<>();

    Codes() {
        values.add(null);
    }

    /** The code of {@code value}, given now when it is new; 0 for null. */
    int code(T value) {
        if (value == null) {
            return 0;
        }
        Integer known = codes.get(value);
        if (known != null) {
            return known;
        }
        int code = values.size();
        codes.put(value, code);
        values.add(value);
        return code;
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

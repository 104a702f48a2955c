package io.omskit.core.memory;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Records indexed by the positive sequence number their reference was made from (such as {@code sim-auth-17}),
 * for the simulated providers that number their references themselves: a lookup parses the number and reads one
 * slot, instead of hashing the reference into one more ever-growing concurrent map. Slots live in chunks of
 * {@value #CHUNK} that are added as the numbers grow and never move; numbers that were used for no record (a
 * decline, say) stay empty.
 *
 * <p>Thread-safe: {@link #put} and {@link #get} may run on any threads; a record put before its reference was
 * handed out is seen by every later {@link #get} of that reference (slots are read and written with volatile
 * semantics). Each number is put at most once, by the call that drew it from the provider's sequence.
 *
 * @param <T> the record type
 */
final class SequenceIndex<T> {
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    /** Numbers up to this many digits are parsed (beyond, a long could overflow; no such reference is issued). */
    private static final int MAX_DIGITS = 18;

    /** The chunks; replaced by a longer copy (under this object's lock) when a number needs a new one. */
    private volatile AtomicReferenceArray<AtomicReferenceArray<T>> chunks = new AtomicReferenceArray<>(16);

    /** Stores {@code record} under {@code number} (positive, drawn once from the provider's sequence). */
    void put(long number, T record) {
        if (number <= 0 || number >> SHIFT >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence number out of range: " + number);
        }
        int c = (int) (number >> SHIFT);
        AtomicReferenceArray<AtomicReferenceArray<T>> dir = chunks;
        AtomicReferenceArray<T> chunk = c < dir.length() ? dir.get(c) : null;
        if (chunk == null) {
            chunk = chunk(c);
        }
        chunk.set((int) (number & MASK), record);
    }

    /** The record under {@code number}, or null. */
    T get(long number) {
        if (number <= 0) {
            return null;
        }
        long c = number >> SHIFT;
        AtomicReferenceArray<AtomicReferenceArray<T>> dir = chunks;
        if (c >= dir.length()) {
            return null;
        }
        AtomicReferenceArray<T> chunk = dir.get((int) c);
        return chunk == null ? null : chunk.get((int) (number & MASK));
    }

    /** The chunk {@code c}, created (and the directory grown) if needed. */
    private synchronized AtomicReferenceArray<T> chunk(int c) {
        AtomicReferenceArray<AtomicReferenceArray<T>> dir = chunks;
        if (c >= dir.length()) {
            AtomicReferenceArray<AtomicReferenceArray<T>> grown =
                    new AtomicReferenceArray<>(Math.max(c + 1, 2 * dir.length()));
            for (int i = 0; i < dir.length(); i++) {
                grown.set(i, dir.get(i));
            }
            dir = grown;
            chunks = grown;
        }
        AtomicReferenceArray<T> chunk = dir.get(c);
        if (chunk == null) {
            chunk = new AtomicReferenceArray<>(CHUNK);
            dir.set(c, chunk);
        }
        return chunk;
    }

    /**
     * The number in {@code reference} when it is exactly {@code prefix} followed by a decimal number written with
     * at least {@code minDigits} digits and no other leading zeros (what the provider issues: {@code
     * prefix + n}, or {@code n} zero-padded to {@code minDigits}); -1 for anything else, so that a reference
     * the provider never issued is never taken for one it did.
     */
    static long parse(String reference, String prefix, int minDigits) {
        int start = prefix.length();
        int digits = reference.length() - start;
        if (digits < minDigits || digits > MAX_DIGITS || !reference.startsWith(prefix)) {
            return -1;
        }
        if (digits > minDigits && reference.charAt(start) == '0') {
            return -1; // a leading zero beyond the padding: not how the number was written
        }
        long n = 0;
        for (int i = start; i < reference.length(); i++) {
            char ch = reference.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }
}

package io.omskit.kpi;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A mergeable distribution of whole seconds: exact counters, and every value up to a limit, an HdrHistogram
 * (3 significant digits) beyond it. The state is a function of the multiset of values added, whatever the order
 * of adds and merges, so merged shards give exactly the one-pass result. Not thread-safe.
 */
final class Durations {
    static final int SIGNIFICANT_DIGITS = 3;
    private static final long[] EMPTY = new long[0];

    private final int limit;
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long negative;
    private long[] values = EMPTY;
    private int size;
    private Histogram histogram;

    Durations(int limit) {
        this.limit = limit;
    }

    void add(long seconds) {
        if (seconds < 0) {
            negative++;
            return;
        }
        count++;
        sum = Math.addExact(sum, seconds);
        min = Math.min(min, seconds);
        max = Math.max(max, seconds);
        if (histogram != null) {
            histogram.recordValue(seconds);
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(8, size * 2));
        }
        values[size++] = seconds;
        if (size > limit) {
            toHistogram();
        }
    }

    void merge(Durations other) {
        count += other.count;
        sum = Math.addExact(sum, other.sum);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        negative += other.negative;
        if (histogram == null && other.histogram == null && count <= limit) {
            if (size + other.size > values.length) {
                values = Arrays.copyOf(values, Math.max(8, Math.max(size + other.size, 2 * values.length)));
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
            return;
        }
        if (histogram == null) {
            toHistogram();
        }
        if (other.histogram != null) {
            histogram.add(other.histogram);
        } else {
            for (int i = 0; i < other.size; i++) {
                histogram.recordValue(other.values[i]);
            }
        }
    }

    private void toHistogram() {
        histogram = new Histogram(SIGNIFICANT_DIGITS);
        for (int i = 0; i < size; i++) {
            histogram.recordValue(values[i]);
        }
        values = EMPTY;
        size = 0;
    }

    DurationSummary summary() {
        if (count == 0) {
            return new DurationSummary(0, 0, OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), true,
                    negative);
        }
        long p50;
        long p90;
        long p95;
        long p99;
        boolean exact = histogram == null;
        if (exact) {
            long[] p = Ranks.select(Arrays.copyOf(values, size), size, rank(50, size), rank(90, size),
                    rank(95, size), rank(99, size));
            p50 = p[0];
            p90 = p[1];
            p95 = p[2];
            p99 = p[3];
        } else {
            p50 = Math.min(max, histogram.getValueAtPercentile(50));
            p90 = Math.min(max, histogram.getValueAtPercentile(90));
            p95 = Math.min(max, histogram.getValueAtPercentile(95));
            p99 = Math.min(max, histogram.getValueAtPercentile(99));
        }
        return new DurationSummary(count, sum, OptionalDouble.of((double) sum / count), OptionalLong.of(min),
                OptionalLong.of(p50), OptionalLong.of(p90), OptionalLong.of(p95), OptionalLong.of(p99),
                OptionalLong.of(max), exact, negative);
    }

    /** Nearest rank, zero based: ceil(percent * n / 100) - 1, in exact integer arithmetic. */
    static int rank(int percent, int n) {
        long r = ((long) percent * n + 99) / 100;
        return (int) Math.max(0, r - 1);
    }
}

package io.omskit.spi.model;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BucketCounts against a plain EnumMap model: random moves keep totals, never go negative, agree with the model;
 * quantities on both sides of the shared small single-bucket vectors (up to 64 units).
 */
class BucketCountsProperties {

    @Test
    void randomMoves_agreeWithAMapModel() {
        qt().withExamples(1000).withFixedSeed(20261126L)
                .forAll(integers().between(1, 150), lists().of(integers().between(0, 14 * 14 * 8 - 1)).ofSizeBetween(0, 40))
                .checkAssert((quantity, steps) -> run(quantity, steps));
    }

    private static void run(int quantity, List<Integer> steps) {
        BucketCounts counts = BucketCounts.of(Bucket.PENDING, quantity);
        Map<Bucket, Integer> model = new EnumMap<>(Bucket.class);
        model.put(Bucket.PENDING, quantity);
        for (int step : steps) {
            Bucket from = Bucket.ofOrdinal(step % 14);
            Bucket to = Bucket.ofOrdinal(step / 14 % 14);
            int n = 1 + step / 196;
            int have = model.getOrDefault(from, 0);
            if (from == to || have < n) {
                continue;
            }
            counts = counts.move(from, to, n);
            model.merge(from, -n, Integer::sum);
            model.merge(to, n, Integer::sum);
            model.values().removeIf(v -> v == 0);
            if (!counts.asMap().equals(model) || counts.total() != quantity) {
                throw new AssertionError("after moving " + n + " " + from + "->" + to + ": " + counts + " vs " + model);
            }
            if (!counts.equals(BucketCounts.of(model)) || counts.hashCode() != BucketCounts.of(model).hashCode()) {
                throw new AssertionError("equality differs from a freshly built vector: " + counts);
            }
        }
    }
}

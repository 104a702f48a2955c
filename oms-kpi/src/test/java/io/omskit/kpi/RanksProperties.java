package io.omskit.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RanksProperties {

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static void assertSelectEqualsSort(long[] values) {
        int n = values.length;
        int[] ranks = {Durations.rank(1, n), Durations.rank(50, n), Durations.rank(90, n), Durations.rank(95, n),
                Durations.rank(99, n), n - 1};
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        long[] work = values.clone();
        long[] got = Ranks.select(work, n, ranks);
        for (int i = 0; i < ranks.length; i++) {
            assertThat(got[i]).as("rank %d of %d", ranks[i], n).isEqualTo(sorted[ranks[i]]);
        }
        long[] after = work.clone();
        Arrays.sort(after);
        assertThat(after).as("a permutation of the input").isEqualTo(sorted);
    }

    @Test
    void select_anyValues_equalsTheSortedValueAtEachRank() {
        qt().withExamples(1_000)
                .forAll(lists().of(longs().between(-50, 50)).ofSizeBetween(1, 400))
                .checkAssert(values -> assertSelectEqualsSort(toArray(values)));
        qt().withExamples(300)
                .forAll(lists().of(longs().all()).ofSizeBetween(1, 3_000))
                .checkAssert(values -> assertSelectEqualsSort(toArray(values)));
    }

    @Test
    void select_sortedReversedOrganPipeAndConstantInputs_equalsTheSortedValues() {
        qt().withExamples(50).forAll(integers().between(1, 20_000)).checkAssert(n -> {
            long[] up = new long[n];
            long[] down = new long[n];
            long[] pipe = new long[n];
            long[] same = new long[n];
            for (int i = 0; i < n; i++) {
                up[i] = i;
                down[i] = n - i;
                pipe[i] = Math.min(i, n - i);
                same[i] = 7;
            }
            assertSelectEqualsSort(up);
            assertSelectEqualsSort(down);
            assertSelectEqualsSort(pipe);
            assertSelectEqualsSort(same);
        });
    }

    @Test
    void select_ranksNotAscendingOrOutOfRange_isRefused() {
        assertThatThrownBy(() -> Ranks.select(new long[] {3, 1, 2}, 3, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ranks.select(new long[] {3, 1, 2}, 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

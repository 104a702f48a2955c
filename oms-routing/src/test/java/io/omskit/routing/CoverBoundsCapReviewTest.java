package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Review of pass 16's {@link MinCost#coverBounds} (46d9be8): its cap test became {@code w + (need + units) <= cap}
 * where the base's was {@code (w + need) + units <= cap}. The two differ by an ulp, so an entry whose completion is
 * within the cap is pruned, and the contract ("the same value when the exact one is within the cap",
 * CoverBoundProperties.Cap) breaks exactly at the cap. Failed on b1e953a (passes on 5a0abc3 and since the fix).
 */
class CoverBoundsCapReviewTest {

    /** Bound of two or more (0) and three or more (1). */
    private static double[] bounds(int m, int[] avail, int nc, double[] ship, double units, double cap) {
        int[] cand = new int[nc];
        for (int q = 0; q < nc; q++) {
            cand[q] = q;
        }
        double[] lineMin = new double[m];
        for (int s = 0; s < m; s++) {
            double f = Double.POSITIVE_INFINITY;
            for (int q = 0; q < nc; q++) {
                if (avail[q * m + s] > 0) {
                    f = Math.min(f, ship[q]);
                }
            }
            lineMin[s] = f;
        }
        MinCost.Scratch sc = new MinCost.Scratch();
        double two = MinCost.coverBounds(m, avail, cand, nc, ship, lineMin, units, cap, sc);
        return new double[] {two, sc.coverThree};
    }

    @Test
    void coverBounds_capEqualToTheExactPairPlusUnits_keepsTheExactPair() {
        // location 0 holds line 0 at 0.01, location 1 holds line 1 at 0.05, units 0.1:
        // (0.01 + 0.05) + 0.1 == 0.16, but 0.01 + (0.05 + 0.1) == 0.16000000000000003
        int[] avail = {1, 0, 0, 1};
        double[] ship = {0.01, 0.05};
        double units = 0.1;
        double exact = bounds(2, avail, 2, ship, units, Double.POSITIVE_INFINITY)[0];
        assertThat(exact).isEqualTo(0.01 + 0.05);
        double cap = exact + units;
        assertThat(bounds(2, avail, 2, ship, units, cap)[0]).as("cap %s", cap).isEqualTo(exact);
    }

    @Test
    void coverBounds_capAtTheExactBoundPlusUnits_randomCentInstances_sameAsUncapped() {
        qt().withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int m = 1 + rnd.nextInt(3);
            int nc = 2 + rnd.nextInt(5);
            int[] avail = new int[nc * m];
            for (int i = 0; i < avail.length; i++) {
                avail[i] = rnd.nextInt(2);
            }
            double[] ship = new double[nc];
            for (int q = 0; q < nc; q++) {
                ship[q] = (1 + rnd.nextInt(999)) / 100.0;
            }
            double units = (1 + rnd.nextInt(999)) / 100.0;
            double[] exact = bounds(m, avail, nc, ship, units, Double.POSITIVE_INFINITY);
            for (int k = 0; k < 2; k++) {
                if (exact[k] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double cap = exact[k] + units;
                double capped = bounds(m, avail, nc, ship, units, cap)[k];
                assertThat(capped).as("seed %d k %d cap %s", seed, k, cap).isEqualTo(exact[k]);
            }
        });
    }
}

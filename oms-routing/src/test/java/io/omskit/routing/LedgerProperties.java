package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The batch ledger's units by holder (kept per SKU for one list at a time and updated by each take) against the
 * sums of every take, and the indexed build on them against the direct build.
 */
class LedgerProperties {

    /** A list of {@code n} locations over SKUs S0..S3 (some with reserved units, up to Integer.MAX_VALUE). */
    private static List<CandidateLocation> list(Random rnd, int n, boolean duplicateIds) {
        List<CandidateLocation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<Sku, Integer> stock = new HashMap<>();
            Map<Sku, Integer> reserved = new HashMap<>();
            for (int s = 0; s < 4; s++) {
                if (rnd.nextInt(3) != 0) {
                    stock.put(Sku.of("S" + s), rnd.nextInt(4) == 0 ? Integer.MAX_VALUE : rnd.nextInt(20));
                    if (rnd.nextInt(4) == 0) {
                        reserved.put(Sku.of("S" + s), rnd.nextInt(4) == 0 ? rnd.nextInt(Integer.MAX_VALUE)
                                : rnd.nextInt(5));
                    }
                }
            }
            String id = duplicateIds ? "L" + rnd.nextInt(Math.max(1, n / 2)) : "L" + i;
            out.add(new CandidateLocation(LocationId.of(id), null, 1, true, false, stock, reserved, rnd.nextInt(3),
                    1.0, 1.0, 1000));
        }
        return out;
    }

    @Nested
    class ByHolder {
        @Test
        void byHolder_takesInterleavedWithTwoLists_equalsTheSummedCellOfEachHolder() {
            qt().withExamples(300).forAll(integers().between(1, 10), longs().all()).checkAssert((n, seed) -> {
                Random rnd = new Random(seed);
                NetworkIndex a = NetworkIndex.of(list(rnd, n, false));
                NetworkIndex b = NetworkIndex.of(list(rnd, n + rnd.nextInt(3), false));
                Router.Ledger ledger = new Router.Ledger();
                assertThat(ledger.isEmpty()).isTrue();
                Map<String, Long> sums = new HashMap<>();
                for (int step = 0; step < 40; step++) {
                    Sku sku = Sku.of("S" + rnd.nextInt(5));
                    NetworkIndex idx = rnd.nextBoolean() ? a : b;
                    if (rnd.nextInt(3) == 0) {
                        NetworkIndex.Posting p = idx.postings(sku);
                        if (p == null) {
                            continue;
                        }
                        int[] got = ledger.byHolder(sku, idx, p);
                        assertThat(got).hasSize(p.holders.length);
                        for (int q = 0; q < got.length; q++) {
                            String id = idx.locs[p.holders[q]].id().value();
                            long want = Math.min(Integer.MAX_VALUE, sums.getOrDefault(id + "/" + sku.value(), 0L));
                            assertThat(got[q]).as("holder %s of %s at step %d", id, sku, step).isEqualTo((int) want);
                            Map<String, int[]> cells = ledger.ofSku(sku);
                            int[] cell = cells == null ? null : cells.get(id);
                            assertThat(cell == null ? 0 : cell[0]).isEqualTo((int) want);
                        }
                    } else {
                        String id = "L" + rnd.nextInt(n + 3);
                        int qty = rnd.nextInt(5) == 0 ? Integer.MAX_VALUE - rnd.nextInt(3) : 1 + rnd.nextInt(6);
                        ledger.take(LocationId.of(id), sku, qty);
                        sums.merge(id + "/" + sku.value(), (long) qty, Long::sum);
                        assertThat(ledger.isEmpty()).isFalse();
                        Map<Sku, int[]> here = ledger.of(LocationId.of(id));
                        assertThat(here.get(sku)[0])
                                .isEqualTo((int) Math.min(Integer.MAX_VALUE, sums.get(id + "/" + sku.value())));
                    }
                }
            });
        }

        @Test
        void byHolder_duplicateIds_isNullSoTheCellsAreRead() {
            Random rnd = new Random(3);
            List<CandidateLocation> locs = new ArrayList<>(list(rnd, 4, false));
            locs.add(locs.get(0));
            Router.Ledger ledger = new Router.Ledger();
            ledger.take(locs.get(0).id(), Sku.of("S0"), 2);
            NetworkIndex idx = NetworkIndex.of(locs);
            assertThat(ledger.byHolder(Sku.of("S0"), idx, idx.postings(Sku.of("S0")))).isNull();
            assertThat(ledger.ofSku(Sku.of("S0")).get(locs.get(0).id().value())[0]).isEqualTo(2);
        }
    }

    @Nested
    class Build {
        @Test
        void indexedBuild_onALedger_equalsTheDirectBuild() {
            // direct: stock - reserved - safety - taken per cell; indexed: the index's base less units by holder
            qt().withExamples(300).forAll(integers().between(1, 10), longs().all()).checkAssert((n, seed) -> {
                Random rnd = new Random(seed);
                boolean dup = rnd.nextInt(4) == 0;
                List<CandidateLocation> locs = list(rnd, n, dup);
                NetworkIndex idx = NetworkIndex.of(locs);
                Router.Ledger ledger = new Router.Ledger();
                for (int round = 0; round < 4; round++) {
                    List<io.omskit.spi.port.RoutingLine> lines = new ArrayList<>();
                    int k = 1 + rnd.nextInt(3);
                    for (int s = 0; s < k; s++) {
                        lines.add(new io.omskit.spi.port.RoutingLine(Sku.of("S" + s), 1 + rnd.nextInt(4)));
                    }
                    RoutingRequest base = Instances.random(rnd, "min_cost", 1, 1, 2, 3);
                    RoutingRequest r = new RoutingRequest("min_cost", locs, lines, base.destination(),
                            java.util.Set.of(), null, base.options(), base.costModel());
                    Problem.Taken taken = ledger.isEmpty() ? Problem.Taken.NONE : ledger;
                    Problem.Built indexed = Problem.build(r, taken, true, idx, true);
                    Problem.Built direct = Problem.build(r, taken, true, null, true);
                    assertThat(indexed.error).isEqualTo(direct.error);
                    if (direct.error == null) {
                        Problem x = direct.problem;
                        Problem y = indexed.problem;
                        assertThat(y.n).isEqualTo(x.n);
                        for (int i = 0; i < x.n; i++) {
                            assertThat(y.id(i)).isEqualTo(x.id(i));
                            for (int s = 0; s < x.m; s++) {
                                assertThat(y.avail[i * y.m + s]).as("round %d candidate %d line %d", round, i, s)
                                        .isEqualTo(x.avail[i * x.m + s]);
                            }
                        }
                    }
                    for (int t = 0; t < 3; t++) {
                        CandidateLocation c = locs.get(rnd.nextInt(locs.size()));
                        ledger.take(c.id(), Sku.of("S" + rnd.nextInt(4)),
                                rnd.nextInt(6) == 0 ? Integer.MAX_VALUE : 1 + rnd.nextInt(8));
                    }
                }
            });
        }
    }
}

package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostBreakdown;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.PlanExplanation;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.internal.LocationReasons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The explanation's compact excluded map ({@link LocationReasons}) reads as the map the same puts make by id
 * ({@link Exclusions} without an index: {@code Map.ofEntries} in put order, an id put twice keeping its last
 * reason), and the indexed build that records it by position explains plans as the direct build does.
 */
class LocationReasonsProperties {

    /** A random universe (ids may repeat), and a random sequence of puts with at most one run. */
    private static final class Case {
        final List<LocationId> ids = new ArrayList<>();
        final List<String> runReasons = new ArrayList<>();
        final LocationReasons lazy;
        final Map<LocationId, String> byId;

        Case(long seed) {
            Random rnd = new Random(seed);
            int size = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : 1 + rnd.nextInt(200);
            boolean repeats = rnd.nextInt(4) == 0;
            for (int p = 0; p < size; p++) {
                ids.add(LocationId.of("L" + (repeats ? rnd.nextInt(Math.max(1, size / 2)) : p)));
                runReasons.add(rnd.nextBoolean() ? Problem.NO_STOCK : Problem.DISABLED);
            }
            LocationReasons.Universe universe = new LocationReasons.Universe(ids, runReasons);
            LocationReasons.Builder b = universe.builder();
            Exclusions plain = new Exclusions();
            boolean run = size > 0 && rnd.nextBoolean();
            int before = size == 0 ? 0 : rnd.nextInt(Math.min(size, 12) + 1);
            int after = size == 0 ? 0 : rnd.nextInt(Math.min(size, 12) + 1);
            for (int k = 0; k < before; k++) {
                int p = rnd.nextInt(size);
                String reason = "before " + rnd.nextInt(3);
                b.put(p, reason);
                plain.put(ids.get(p), reason);
            }
            if (run) {
                long[] except = new long[(size + 63) / 64 + rnd.nextInt(2)];
                for (int p = 0; p < size; p++) {
                    if (rnd.nextInt(3) > 0) {
                        except[p >>> 6] |= 1L << p;
                    }
                }
                b.putAllExcept(except);
                for (int p = 0; p < size; p++) {
                    if ((except[p >>> 6] & (1L << p)) == 0) {
                        plain.put(ids.get(p), runReasons.get(p));
                    }
                }
            }
            for (int k = 0; k < after; k++) {
                int p = rnd.nextInt(size);
                String reason = "after " + rnd.nextInt(3);
                b.put(p, reason);
                plain.put(ids.get(p), reason);
            }
            lazy = b.build();
            byId = plain.toMap();
        }
    }

    @Nested
    class AsAMap {
        @Test
        void reads_anyPuts_areThoseOfTheMapByIdInTheSameOrder() {
            qt().withExamples(600).forAll(longs().all()).checkAssert(seed -> {
                Case c = new Case(seed);
                Map<LocationId, String> lazy = c.lazy;
                Map<LocationId, String> copy = Map.copyOf(c.byId);
                // read the way a caller would first: a probe before anything is materialised
                LocationId absent = LocationId.of("NOT-THERE");
                assertThat(lazy.get(absent)).isNull();
                assertThat(lazy.containsKey(absent)).isFalse();
                assertThat(lazy.size()).isEqualTo(copy.size());
                assertThat(lazy.isEmpty()).isEqualTo(copy.isEmpty());
                for (LocationId id : c.ids) {
                    assertThat(lazy.get(id)).isEqualTo(copy.get(id));
                    assertThat(lazy.containsKey(id)).isEqualTo(copy.containsKey(id));
                }
                assertThat(lazy).isEqualTo(copy);
                assertThat(copy).isEqualTo(lazy);
                assertThat(lazy.hashCode()).isEqualTo(copy.hashCode());
                // the same iteration order as the map the same puts make by id (the explanation's toString)
                assertThat(lazy.toString()).isEqualTo(c.byId.toString());
                assertThat(new ArrayList<>(lazy.entrySet())).isEqualTo(new ArrayList<>(c.byId.entrySet()));
                assertThat(new ArrayList<>(lazy.keySet())).isEqualTo(new ArrayList<>(c.byId.keySet()));
                assertThat(new ArrayList<>(lazy.values())).isEqualTo(new ArrayList<>(c.byId.values()));
                Map<LocationId, String> seen = new LinkedHashMap<>();
                lazy.forEach(seen::put);
                assertThat(new ArrayList<>(seen.entrySet())).isEqualTo(new ArrayList<>(c.byId.entrySet()));
                assertThat(lazy.containsValue(Problem.NO_STOCK)).isEqualTo(copy.containsValue(Problem.NO_STOCK));
                assertThat(lazy.getOrDefault(absent, "none")).isEqualTo("none");
            });
        }

        @Test
        void explanation_withTheMap_keepsItAndEqualsTheOneWithACopy() {
            qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
                Case c = new Case(seed);
                PlanExplanation lazy = explanation(c.lazy);
                PlanExplanation copied = explanation(Map.copyOf(c.byId));
                assertThat(lazy.excluded()).isSameAs(c.lazy);
                assertThat(lazy).isEqualTo(copied);
                assertThat(copied).isEqualTo(lazy);
                assertThat(lazy.hashCode()).isEqualTo(copied.hashCode());
                assertThat(lazy.toString()).isEqualTo(explanation(c.byId).toString());
                RoutingPlan a = plan(lazy);
                RoutingPlan b = plan(copied);
                assertThat(a).isEqualTo(b);
                assertThat(RoutingJson.write(a)).isEqualTo(RoutingJson.write(b));
                assertThat(new TreeMap<>(a.explanation().excluded())).isEqualTo(new TreeMap<>(c.byId));
            });
        }

        private PlanExplanation explanation(Map<LocationId, String> excluded) {
            return new PlanExplanation(List.of(), List.of(), Double.NaN, Double.NaN, List.of(), excluded, "s");
        }

        private RoutingPlan plan(PlanExplanation ex) {
            return new RoutingPlan(PlanStatus.OK, "min_cost", List.of(), List.of(), 0, CostBreakdown.ZERO, true, 0.0,
                    ex, null);
        }
    }

    @Nested
    class Misuse {
        private final LocationReasons.Universe universe = new LocationReasons.Universe(
                List.of(LocationId.of("A"), LocationId.of("B")), List.of(Problem.NO_STOCK, Problem.DISABLED));

        @Test
        void mutators_anyCall_throwUnsupportedOperation() {
            LocationReasons m = universe.builder().put(0, "x").build();
            LocationId a = LocationId.of("A");
            assertThatThrownBy(() -> m.put(a, "y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.remove(a)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(m::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.putAll(Map.of())).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.putIfAbsent(a, "y")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.merge(a, "y", (u, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.replaceAll((k, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> m.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThat(m).isEqualTo(Map.of(a, "x"));
        }

        @Test
        void builder_usedAfterBuild_isRefused() {
            LocationReasons.Builder b = universe.builder();
            b.build();
            assertThatThrownBy(() -> b.put(0, "x")).isInstanceOf(OmsValidationException.class);
            assertThatThrownBy(() -> b.putAllExcept(new long[1])).isInstanceOf(OmsValidationException.class);
            assertThatThrownBy(b::build).isInstanceOf(OmsValidationException.class);
        }

        @Test
        void builder_positionOutsideOrSecondRun_isRefused() {
            LocationReasons.Builder b = universe.builder();
            assertThatThrownBy(() -> b.put(2, "x")).isInstanceOf(OmsValidationException.class);
            assertThatThrownBy(() -> b.put(-1, "x")).isInstanceOf(OmsValidationException.class);
            assertThatThrownBy(() -> b.put(0, null)).isInstanceOf(OmsValidationException.class);
            b.putAllExcept(new long[] {1L});
            assertThatThrownBy(() -> b.putAllExcept(new long[1])).isInstanceOf(OmsValidationException.class);
            assertThat(b.build()).isEqualTo(Map.of(LocationId.of("B"), Problem.DISABLED));
        }

        @Test
        void universe_reasonsNotAsManyAsIds_isRefused() {
            assertThatThrownBy(() -> new LocationReasons.Universe(List.of(LocationId.of("A")), List.of()))
                    .isInstanceOf(OmsValidationException.class);
        }

        @Test
        void builder_exceptArrayChangedAfterThePut_doesNotChangeTheMap() {
            long[] except = {0L};
            LocationReasons m = universe.builder().putAllExcept(except).build();
            except[0] = 3L;
            assertThat(m).hasSize(2);
        }
    }

    @Nested
    class IndexedBuild {
        @Test
        void route_nonHoldersDisabledExcludedOrPickup_indexedExplainsAsTheDirectBuild() {
            qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
                RoutingRequest r = request(new Random(seed));
                for (String strategy : Router.STRATEGIES) {
                    RoutingRequest q = new RoutingRequest(strategy, r.locations(), r.lines(), r.destination(),
                            r.excludedLocations(), r.pickupLocation(), r.options(), r.costModel());
                    Router fresh = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET);
                    RoutingPlan direct = fresh.route(q);
                    RoutingPlan indexed = fresh.route(q);
                    assertThat(indexed).isEqualTo(direct);
                    assertThat(indexed.hashCode()).isEqualTo(direct.hashCode());
                    assertThat(RoutingJson.write(indexed)).isEqualTo(RoutingJson.write(direct));
                    // a batch's second order over the same list (indexed, units by holder) and over a copy of it
                    // (direct, units by location)
                    RoutingRequest copy = new RoutingRequest(strategy, new ArrayList<>(q.locations()), q.lines(),
                            q.destination(), q.excludedLocations(), q.pickupLocation(), q.options(), q.costModel());
                    List<RoutingPlan> same = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET)
                            .routeBatch(List.of(q, q));
                    List<RoutingPlan> copied = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET)
                            .routeBatch(List.of(q, copy));
                    assertThat(same).isEqualTo(copied);
                    assertThat(same.get(0)).isEqualTo(direct);
                }
            });
        }

        /**
         * Many locations listing none of the order's SKUs (some disabled, some excluded), across more than one word
         * of positions, sometimes a pickup location.
         */
        private RoutingRequest request(Random rnd) {
            int nLoc = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 150);
            int nSku = 1 + rnd.nextInt(3);
            List<CandidateLocation> locs = new ArrayList<>();
            Set<LocationId> excluded = new HashSet<>();
            for (int i = 0; i < nLoc; i++) {
                Map<Sku, Integer> stock = new HashMap<>();
                if (i == 0 || rnd.nextInt(5) == 0) {
                    for (int s = 0; s < nSku; s++) {
                        if (i == 0 || rnd.nextBoolean()) {
                            stock.put(Sku.of("S" + s), rnd.nextInt(6));
                        }
                    }
                } else {
                    stock.put(Sku.of("OTHER" + rnd.nextInt(4)), 1 + rnd.nextInt(5));
                }
                LocationId id = LocationId.of("L" + i);
                if (rnd.nextInt(10) == 0) {
                    excluded.add(id);
                }
                GeoPoint at = rnd.nextInt(15) == 0 ? null
                        : new GeoPoint(25 + rnd.nextDouble() * 23, -123 + rnd.nextDouble() * 55);
                locs.add(new CandidateLocation(id, at, rnd.nextInt(3), rnd.nextInt(6) != 0, true, stock, Map.of(),
                        0, rnd.nextInt(3) * 0.5, rnd.nextInt(4) * 2.5, rnd.nextInt(10) == 0 ? 0 : Integer.MAX_VALUE));
            }
            List<RoutingLine> lines = new ArrayList<>();
            for (int s = 0; s < nSku; s++) {
                lines.add(new RoutingLine(Sku.of("S" + s), 1 + rnd.nextInt(3)));
            }
            LocationId pickup = rnd.nextInt(6) == 0 ? LocationId.of("L" + rnd.nextInt(nLoc)) : null;
            return new RoutingRequest("min_cost", locs, lines,
                    new GeoPoint(25 + rnd.nextDouble() * 23, -123 + rnd.nextDouble() * 55),
                    rnd.nextBoolean() ? excluded : Set.of(), pickup,
                    new RoutingOptions(rnd.nextInt(3) == 0, Integer.MAX_VALUE, false),
                    new CostModel(1, 0.001, 0.0005, 4.0));
        }
    }
}

package io.omskit.routing;

import static io.omskit.routing.Fixtures.loc;
import static io.omskit.routing.Fixtures.req;
import static io.omskit.routing.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import io.omskit.spi.port.Unfilled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = Router.standard();

    private RoutingPlan route(Fixtures.Req r) {
        return router.route(r.build());
    }

    private static LocationId id(String s) {
        return LocationId.of(s);
    }

    @Nested
    class Validation {
        @Test
        void route_noLines_isRejectedEmptyOrder() {
            RoutingPlan plan = route(req("priority").with(loc("A").stock("X", 1)));
            assertThat(plan.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.EMPTY_ORDER);
            assertThat(plan.allocations()).isEmpty();
        }

        @Test
        void route_zeroQuantityBeforeUnknownSku_isRejectedInvalidQuantity() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").stock("X", 1)).line("NOPE", 1).line("X", 0));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
            assertThat(plan.error().message()).contains("X").contains("0");
        }

        @Test
        void route_negativeQuantity_isRejectedInvalidQuantity() {
            assertThat(route(req("priority").with(loc("A").stock("X", 1)).line("X", -2)).error().code())
                    .isEqualTo(OmsErrorCode.INVALID_QUANTITY);
        }

        @Test
        void route_duplicateLinesOverflowingAnIntWithoutMerging_isRejectedAsDuplicateOrUnknown() {
            Fixtures.Req dup = req("priority").with(loc("A").stock("X", 1)).line("X", Integer.MAX_VALUE).line("X", 1);
            assertThat(route(dup).error().code()).isEqualTo(OmsErrorCode.DUPLICATE_SKU_LINE);
            assertThat(route(dup.line("NOPE", 1)).error().code()).isEqualTo(OmsErrorCode.UNKNOWN_SKU);
            RoutingPlan merged = route(req("priority").with(loc("A").stock("X", 1)).merge()
                    .line("X", Integer.MAX_VALUE).line("X", 1));
            assertThat(merged.error().code()).isEqualTo(OmsErrorCode.INVALID_QUANTITY);
        }

        @Test
        void route_locationIdListedTwice_sameRequestTwice_samePlan() {
            // the direct build (first sight of a list) and the index (the same list again) agree: the last one counts
            RoutingRequest r = req("priority").with(loc("P").disabled().stock("X", 5), loc("P").stock("X", 5))
                    .pickup("P").line("X", 1).build();
            Router fresh = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET);
            RoutingPlan first = fresh.route(r);
            assertThat(first.status()).isEqualTo(PlanStatus.OK);
            assertThat(fresh.route(r)).isEqualTo(first);
        }

        @Test
        void route_locationIdListedTwice_indexedBuildExplainsAsTheDirectBuild() {
            // A disabled without the SKU, then A holding it with capacity 0: the direct build keeps A's last reason
            RoutingRequest r = req("priority").with(loc("A").disabled().stock("OTHER", 1),
                    loc("A").stock("S0", 5).cap(0), loc("B").stock("S0", 5)).line("S0", 1).build();
            Router fresh = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET);
            RoutingPlan direct = fresh.route(r);
            assertThat(direct.explanation().excluded().get(id("A"))).isEqualTo(Problem.CAPACITY_ZERO);
            RoutingPlan indexed = fresh.route(r); // the same list again: read through the network index
            assertThat(indexed.explanation().excluded()).isEqualTo(direct.explanation().excluded());
            assertThat(indexed).isEqualTo(direct);
        }

        @Test
        void route_locationWithNothingOnHand_isExcludedWithoutBlamingReservations() {
            RoutingPlan plan = route(req("priority").with(loc("S1").prio(1).stock("A", 5), loc("S2").prio(2)
                    .stock("A", 0)).line("A", 1));
            assertThat(plan.explanation().excluded().get(id("S2"))).isEqualTo(Problem.NO_AVAILABLE)
                    .contains("on hand");
        }

        @Test
        void route_skuNoLocationLists_isRejectedUnknownSkuBeforeDuplicate() {
            RoutingPlan plan = route(req("priority").with(loc("A").stock("X", 1)).line("X", 1).line("X", 1)
                    .line("NOPE", 1));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.UNKNOWN_SKU);
            assertThat(plan.error().message()).contains("NOPE");
        }

        @Test
        void route_skuListedOnlyAtDisabledLocation_isShortNotUnknown() {
            RoutingPlan plan = route(req("priority").with(loc("A").disabled().stock("X", 5), loc("B").stock("Y", 1))
                    .line("X", 1));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
        }

        @Test
        void route_skuListedWithZero_isShortNotUnknown() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").stock("X", 0)).line("X", 1));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
            assertThat(plan.unfilled()).containsExactly(new Unfilled(Sku.of("X"), 1));
        }

        @Test
        void route_duplicateSkuLines_isRejectedDuplicateSkuLine() {
            RoutingPlan plan = route(req("priority").with(loc("A").stock("X", 5)).line("X", 1).line("X", 2));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.DUPLICATE_SKU_LINE);
        }

        @Test
        void route_duplicateSkuLinesWithMerge_mergesQuantities() {
            RoutingPlan plan = route(req("priority").with(loc("A").stock("X", 5)).line("X", 1).line("X", 2).merge());
            assertThat(plan.status()).isEqualTo(PlanStatus.OK);
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 3));
        }

        @Test
        void route_pickupDisabled_isRejectedPickupUnavailable() {
            RoutingPlan plan = route(req("priority").with(loc("A").disabled().stock("X", 5), loc("B").stock("X", 5))
                    .line("X", 1).pickup("A"));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE);
            assertThat(plan.error().message()).contains("disabled");
        }

        @Test
        void route_pickupExcludedOrUnknown_isRejectedPickupUnavailable() {
            assertThat(route(req("priority").with(loc("A").stock("X", 5)).line("X", 1).pickup("A").exclude("A"))
                    .error().code()).isEqualTo(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE);
            assertThat(route(req("priority").with(loc("A").stock("X", 5)).line("X", 1).pickup("Z"))
                    .error().code()).isEqualTo(OmsErrorCode.PICKUP_LOCATION_UNAVAILABLE);
        }

        @Test
        void route_unknownStrategy_isRejectedUnknownStrategyLast() {
            assertThat(route(req("cheapest").with(loc("A").stock("X", 5)).line("X", 1)).error().code())
                    .isEqualTo(OmsErrorCode.UNKNOWN_STRATEGY);
            assertThat(route(req("cheapest").with(loc("A").stock("X", 5))).error().code())
                    .isEqualTo(OmsErrorCode.EMPTY_ORDER);
        }
    }

    @Nested
    class Priority {
        @Test
        void route_firstLocationShort_walksToNextInPriorityOrder() {
            RoutingPlan plan = route(req("priority").with(loc("B").prio(2).stock("X", 10), loc("A").prio(1).stock("X", 3))
                    .line("X", 5));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 3), Map.entry("B:X", 2));
            assertThat(plan.shipments()).isEqualTo(2);
            assertThat(plan.explanation().bindingConstraints()).contains("X short at A");
        }

        @Test
        void route_equalPriority_breaksTiesById() {
            RoutingPlan plan = route(req("priority").with(loc("B").stock("X", 10), loc("A").stock("X", 10)).line("X", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 2));
        }

        @Test
        void route_disabledAndExcluded_areSkippedWithReasons() {
            RoutingPlan plan = route(req("priority").with(loc("A").prio(1).disabled().stock("X", 9),
                    loc("B").prio(2).stock("X", 9), loc("C").prio(3).stock("X", 9), loc("D").stock("Y", 1))
                    .line("X", 2).exclude("B"));
            assertThat(rows(plan)).containsExactly(Map.entry("C:X", 2));
            assertThat(plan.explanation().excluded()).containsEntry(id("A"), "disabled")
                    .containsEntry(id("B"), "excluded").containsEntry(id("D"), Problem.NO_STOCK);
        }

        @Test
        void route_reservedAndSafetyStock_reduceAvailability() {
            RoutingPlan plan = route(req("priority").with(loc("A").prio(1).stock("X", 10).reserved("X", 4).safety(3),
                    loc("B").prio(2).stock("X", 10)).line("X", 5));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 3), Map.entry("B:X", 2));
        }

        @Test
        void route_capacity_limitsUnitsPerLocation() {
            RoutingPlan plan = route(req("priority").with(loc("A").prio(1).cap(2).stock("X", 10).stock("Y", 10),
                    loc("B").prio(2).stock("X", 10).stock("Y", 10)).line("X", 1).line("Y", 3));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 1), Map.entry("A:Y", 1), Map.entry("B:Y", 2));
            assertThat(plan.explanation().bindingConstraints()).contains("capacity 2 reached at A");
        }

        @Test
        void route_maxShipmentsWithoutPartial_isRejectedInsufficientStock() {
            RoutingPlan plan = route(req("priority").with(loc("A").prio(1).stock("X", 3), loc("B").prio(2).stock("X", 9))
                    .line("X", 5).max(1));
            assertThat(plan.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
            assertThat(plan.allocations()).isEmpty();
            assertThat(plan.unfilled()).containsExactly(new Unfilled(Sku.of("X"), 5));
        }

        @Test
        void route_maxShipmentsWithPartial_isPartialAndSaysWhy() {
            RoutingPlan plan = route(req("priority").with(loc("A").prio(1).stock("X", 3), loc("B").prio(2).stock("X", 9))
                    .line("X", 5).max(1).partial());
            assertThat(plan.status()).isEqualTo(PlanStatus.PARTIAL);
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 3));
            assertThat(plan.unfilled()).containsExactly(new Unfilled(Sku.of("X"), 2));
            assertThat(plan.explanation().bindingConstraints()).contains("max_shipments 1 reached");
        }

        @Test
        void route_shortageWithPartial_listsUnfilled() {
            RoutingPlan plan = route(req("priority").with(loc("A").stock("X", 2).stock("Y", 1)).line("X", 3)
                    .line("Y", 1).partial());
            assertThat(plan.status()).isEqualTo(PlanStatus.PARTIAL);
            assertThat(plan.unfilled()).containsExactly(new Unfilled(Sku.of("X"), 1));
        }

        @Test
        void route_pickup_usesOnlyThePickupLocation() {
            RoutingPlan plan = route(req("priority").with(loc("A").prio(1).stock("X", 9), loc("B").prio(2).stock("X", 1))
                    .line("X", 3).pickup("B").partial());
            assertThat(rows(plan)).containsExactly(Map.entry("B:X", 1));
            assertThat(plan.explanation().excluded()).containsEntry(id("A"), "not the pickup location");
        }
    }

    @Nested
    class Distance {
        @Test
        void route_nearestFirst_thenUnknownCoordinatesLast() {
            RoutingPlan plan = route(req("distance").with(loc("FAR").at(34.05, -118.24).stock("X", 2),
                    loc("NEAR").at(40.71, -74.0).stock("X", 2), loc("NOWHERE").prio(-5).stock("X", 9))
                    .to(42.36, -71.06).line("X", 6));
            assertThat(rows(plan)).containsExactly(Map.entry("FAR:X", 2), Map.entry("NEAR:X", 2),
                    Map.entry("NOWHERE:X", 2));
            assertThat(plan.allocations().get(0).location()).isIn(id("FAR"), id("NEAR"));
        }

        @Test
        void route_equalDistances_breakTiesByPriorityThenId() {
            RoutingPlan plan = route(req("distance").with(loc("B").at(41, -72).prio(2).stock("X", 5),
                    loc("A").at(41, -72).prio(2).stock("X", 5), loc("C").at(41, -72).prio(1).stock("X", 1))
                    .to(42.36, -71.06).line("X", 3));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 2), Map.entry("C:X", 1));
        }

        @Test
        void route_nearestShort_takesRestFromNext() {
            RoutingPlan plan = route(req("distance").with(loc("BOS").at(42.36, -71.06).stock("X", 1),
                    loc("NYC").at(40.71, -74.0).stock("X", 5)).to(42.0, -71.5).line("X", 3));
            assertThat(rows(plan)).containsExactly(Map.entry("BOS:X", 1), Map.entry("NYC:X", 2));
        }
    }

    @Nested
    class FewestSplits {
        @Test
        void route_oneFarLocationCoversAll_beatsTwoNearOnes() {
            RoutingPlan plan = route(req("fewest_splits").with(loc("N1").at(42.3, -71.0).stock("X", 2),
                    loc("N2").at(42.4, -71.1).stock("Y", 2), loc("FAR").at(34.05, -118.24).stock("X", 5).stock("Y", 5))
                    .to(42.36, -71.06).line("X", 2).line("Y", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("FAR:X", 2), Map.entry("FAR:Y", 2));
        }

        @Test
        void route_twoSetsOfEqualSize_prefersSmallerMeanDistance() {
            RoutingPlan plan = route(req("fewest_splits").with(loc("NX").at(42.3, -71.0).stock("X", 2),
                    loc("FX").at(34.05, -118.24).stock("X", 2), loc("NY").at(42.4, -71.1).stock("Y", 2))
                    .to(42.36, -71.06).line("X", 2).line("Y", 2));
            assertThat(rows(plan)).containsOnlyKeys("NX:X", "NY:Y");
            assertThat(plan.explanation().runnerUp()).containsExactlyInAnyOrder(id("FX"), id("NY"));
        }

        @Test
        void route_withinSet_fillsFromNearestFirst() {
            RoutingPlan plan = route(req("fewest_splits").with(loc("FAR").at(34.05, -118.24).stock("X", 5).stock("Y", 1),
                    loc("NEAR").at(42.4, -71.1).stock("X", 3)).to(42.36, -71.06).line("X", 5).line("Y", 1));
            // FAR alone cannot ship X=5 and Y=1? it can: X 5, Y 1 -> one location
            assertThat(plan.shipments()).isEqualTo(1);
            RoutingPlan two = route(req("fewest_splits").with(loc("FAR").at(34.05, -118.24).stock("X", 4).stock("Y", 1),
                    loc("NEAR").at(42.4, -71.1).stock("X", 3)).to(42.36, -71.06).line("X", 5).line("Y", 1));
            assertThat(rows(two)).containsExactly(Map.entry("FAR:X", 2), Map.entry("FAR:Y", 1), Map.entry("NEAR:X", 3));
        }

        @Test
        void route_noCoveringSetWithinMaxShipments_isRejected() {
            RoutingPlan plan = route(req("fewest_splits").with(loc("A").stock("X", 1), loc("B").stock("X", 1))
                    .line("X", 2).max(1));
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
        }
    }

    @Nested
    class MinCost {
        @Test
        void route_fixedShipmentCost_avoidsASplit() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").unit(1).fixed(10).stock("X", 5).stock("Y", 5),
                    loc("B").unit(0.5).fixed(10).stock("X", 5), loc("C").unit(0.5).fixed(10).stock("Y", 5))
                    .line("X", 2).line("Y", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 2), Map.entry("A:Y", 2));
            assertThat(plan.cost().total()).isCloseTo(14.0, within(1e-9));
            assertThat(plan.optimal()).isTrue();
            // A is the only location that ships the whole order, and every split costs at least 10 + 10 + 2:
            // the certificate ends the search there, having evaluated no other set
            assertThat(plan.explanation().runnerUp()).isEmpty();
            assertThat(plan.explanation().runnerUpCost()).isNaN();
        }

        @Test
        void route_certifiedSingle_runnerUpIsTheNextSingleLocation() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").unit(1).fixed(10).stock("X", 5).stock("Y", 5),
                    loc("D").unit(2).fixed(10).stock("X", 5).stock("Y", 5),
                    loc("B").unit(0.5).fixed(10).stock("X", 5), loc("C").unit(0.5).fixed(10).stock("Y", 5))
                    .line("X", 2).line("Y", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 2), Map.entry("A:Y", 2));
            assertThat(plan.optimal()).isTrue();
            assertThat(plan.explanation().runnerUp()).containsExactly(LocationId.of("D"));
            assertThat(plan.explanation().runnerUpCost()).isCloseTo(18.0, within(1e-9));
        }

        @Test
        void route_splitWithinReachOfTheSingle_searchesAndNamesTheSplit() {
            // a split's bound (5 + 5 + 4 x 0.5 = 12) is not above A's cost 14: no single certificate; the split B + C
            // costs 12 (the pair certificate proves it: every plan of three shipments costs at least 22)
            RoutingPlan plan = route(req("min_cost").with(loc("A").unit(1).fixed(10).stock("X", 5).stock("Y", 5),
                    loc("B").unit(0.5).fixed(5).stock("X", 5), loc("C").unit(0.5).fixed(5).stock("Y", 5))
                    .line("X", 2).line("Y", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("B:X", 2), Map.entry("C:Y", 2));
            assertThat(plan.cost().total()).isCloseTo(12.0, within(1e-9));
            assertThat(plan.explanation().runnerUp()).containsExactly(LocationId.of("A"));
            assertThat(plan.explanation().runnerUpCost()).isCloseTo(14.0, within(1e-9));
        }

        @Test
        void route_pairWhoseMemberIsNearTheSingle_certifiesTheCheapestPair() {
            // S ships everything at 10. A + B costs 9.6 and C + D 9.8; no other pair holds every line. A's bound
            // (5.2 + the cheapest other shipment 4.4 = 9.6) lies within 0.5 of S: a pair certificate that left A out
            // would prove C + D. The pairs are costed in shipment cost order (B, C, D, A): A + B first, then C + D's
            // bound 9.8 is above it, so the runner-up is S, the only other set costed
            RoutingPlan plan = route(req("min_cost").with(loc("S").unit(0).fixed(10).stock("X", 1).stock("Y", 1)
                    .stock("W", 1), loc("A").unit(0).fixed(5.2).stock("X", 1).stock("W", 1),
                    loc("B").unit(0).fixed(4.4).stock("Y", 1), loc("C").unit(0).fixed(4.9).stock("X", 1),
                    loc("D").unit(0).fixed(4.9).stock("Y", 1).stock("W", 1))
                    .line("X", 1).line("Y", 1).line("W", 1));
            assertThat(rows(plan)).containsExactly(Map.entry("A:W", 1), Map.entry("A:X", 1), Map.entry("B:Y", 1));
            assertThat(plan.cost().total()).isCloseTo(9.6, within(1e-9));
            assertThat(plan.optimal()).isTrue();
            assertThat(plan.explanation().runnerUp()).containsExactly(LocationId.of("S"));
            assertThat(plan.explanation().runnerUpCost()).isCloseTo(10.0, within(1e-9));
        }

        @Test
        void route_capacityCouplesSkus_usesExactAssignment() {
            // per-SKU greedy would put X at A (cheapest), exhaust A's capacity and leave Y unfilled
            RoutingPlan plan = route(req("min_cost").with(loc("A").unit(1).cap(2).stock("X", 2).stock("Y", 2),
                    loc("B").unit(5).stock("X", 2)).line("X", 2).line("Y", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("A:Y", 2), Map.entry("B:X", 2));
            assertThat(plan.cost().total()).isCloseTo(12.0, within(1e-9));
        }

        @Test
        void route_distanceCosts_matchTheFormatExample() {
            RoutingRequest r = req("min_cost").with(loc("DC-EAST").at(40.71, -74.0).prio(1).stock("SKU-1", 12)
                    .stock("SKU-2", 0).reserved("SKU-1", 2).safety(1).unit(0.40).fixed(5.0).cap(100))
                    .to(42.36, -71.06).line("SKU-1", 3).cost(2.0, 0.002, 0.0005, 50.0).build();
            RoutingPlan plan = router.route(r);
            double d = r.locations().get(0).position().distanceKm(r.destination());
            assertThat(plan.cost().shipment()).isCloseTo(5.0 + 2.0 + 0.002 * d, within(1e-9));
            assertThat(plan.cost().units()).isCloseTo(3 * (0.40 + 0.0005 * d), within(1e-9));
            assertThat(plan.cost().total()).isCloseTo(9.2704, within(1e-3));
        }

        @Test
        void route_cheapPenaltyWithPartial_leavesExpensiveUnitsUnfilled() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").unit(1).stock("X", 2),
                    loc("B").unit(1).fixed(100).stock("X", 5)).line("X", 4).partial().cost(0, 0, 0, 10));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 2));
            assertThat(plan.status()).isEqualTo(PlanStatus.PARTIAL);
            assertThat(plan.cost().unfilledPenalty()).isCloseTo(20.0, within(1e-9));
        }

        @Test
        void route_equalCost_prefersFewerShipmentsThenPriorityThenId() {
            RoutingPlan plan = route(req("min_cost").with(loc("B").prio(1).stock("X", 5), loc("A").prio(1).stock("X", 5),
                    loc("C").prio(0).stock("X", 1), loc("D").prio(0).stock("X", 1)).line("X", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("A:X", 2));
            RoutingPlan prio = route(req("min_cost").with(loc("B").prio(1).stock("X", 5), loc("A").prio(2).stock("X", 5))
                    .line("X", 2));
            assertThat(rows(prio)).containsExactly(Map.entry("B:X", 2));
        }

        @Test
        void route_locationWithoutCoordinatesAndPerKmCost_isExcluded() {
            RoutingPlan plan = route(req("min_cost").with(loc("HERE").at(42.0, -71.0).stock("X", 5),
                    loc("NOWHERE").stock("X", 5)).to(42.36, -71.06).line("X", 1).cost(1, 0.01, 0, 0));
            assertThat(rows(plan)).containsOnlyKeys("HERE:X");
            assertThat(plan.explanation().excluded()).containsEntry(id("NOWHERE"), "no coordinates for distance");
        }

        @Test
        void route_maxShipments_isRespected() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").unit(1).stock("X", 2), loc("B").unit(1).stock("Y", 2),
                    loc("C").unit(9).stock("X", 2).stock("Y", 2)).line("X", 2).line("Y", 2).max(1));
            assertThat(rows(plan)).containsOnlyKeys("C:X", "C:Y");
            assertThat(plan.explanation().bindingConstraints()).contains("max_shipments 1 reached");
        }

        @Test
        void route_shortage_isRejectedWithUnfilledDemand() {
            RoutingPlan plan = route(req("min_cost").with(loc("A").stock("X", 1)).line("X", 2));
            assertThat(plan.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
            assertThat(plan.allocations()).isEmpty();
        }
    }

    @Nested
    class WholeLines {
        private Fixtures.Req shop() {
            return req("priority_whole_lines").with(loc("NY").prio(1).stock("hat", 5).stock("shirt", 1),
                    loc("LA").prio(2).stock("shirt", 5).stock("mug", 5),
                    loc("CHI").prio(3).stock("shoes", 3).stock("mug", 2),
                    loc("PIT").prio(4).disabled().stock("shirt", 50));
        }

        @Test
        void route_oneLocationHasAll_takesTheOrder() {
            assertThat(rows(route(shop().line("shirt", 1).line("mug", 1))))
                    .containsExactly(Map.entry("LA:mug", 1), Map.entry("LA:shirt", 1));
        }

        @Test
        void route_noSingleLocation_eachLineWholeToFirstWithEnough() {
            RoutingPlan plan = route(shop().line("hat", 2).line("shirt", 2));
            assertThat(rows(plan)).containsExactly(Map.entry("LA:shirt", 2), Map.entry("NY:hat", 2));
            RoutingPlan four = route(shop().line("hat", 1).line("shirt", 1).line("mug", 1).line("shoes", 1));
            assertThat(four.shipments()).isEqualTo(3);
        }

        @Test
        void route_oversoldLineAndALineNoEligibleLocationLists_withoutPartial_isRejected() {
            // shirt is oversold at NY; shoes only at CHI, which max_shipments 1 keeps closed
            RoutingPlan capped = route(shop().max(1).line("shirt", 6).line("shoes", 1));
            assertThat(capped.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(capped.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
            assertThat(capped.allocations()).isEmpty();
            // a SKU held only at the disabled PIT
            RoutingPlan disabled = route(req("priority_whole_lines").with(loc("NY").prio(1).stock("hat", 1),
                    loc("PIT").prio(2).disabled().stock("shirt", 5)).line("hat", 2).line("shirt", 1));
            assertThat(disabled.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(disabled.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
        }

        @Test
        void route_oversoldLineAndALineNoEligibleLocationLists_withPartial_leavesItUnfilled() {
            RoutingPlan plan = route(shop().max(1).partial().line("shirt", 6).line("shoes", 1));
            assertThat(plan.status()).isEqualTo(PlanStatus.OVERSOLD);
            assertThat(plan.unfilled()).singleElement().satisfies(u -> assertThat(u.quantity()).isEqualTo(1));
        }

        @Test
        void route_nobodyHasEnough_oversellsAtFirstListingLocation() {
            RoutingPlan plan = route(shop().line("shirt", 6));
            assertThat(plan.status()).isEqualTo(PlanStatus.OVERSOLD);
            assertThat(plan.allocations()).singleElement().satisfies(a -> {
                assertThat(a.location()).isEqualTo(id("NY"));
                assertThat(a.quantity()).isEqualTo(6);
                assertThat(a.oversoldQuantity()).isEqualTo(5);
            });
        }
    }

    @Nested
    class Batch {
        @Test
        void routeBatch_laterOrdersSeeWhatEarlierOnesTook() {
            Fixtures.Req r = req("priority").with(loc("A").prio(1).stock("X", 4), loc("B").prio(2).stock("X", 9))
                    .line("X", 3);
            List<RoutingPlan> plans = router.routeBatch(List.of(r.build(), r.build(), r.build()));
            assertThat(rows(plans.get(0))).containsExactly(Map.entry("A:X", 3));
            assertThat(rows(plans.get(1))).containsExactly(Map.entry("A:X", 1), Map.entry("B:X", 2));
            assertThat(rows(plans.get(2))).containsExactly(Map.entry("B:X", 3));
        }

        @Test
        void routeBatch_rejectedOrdersTakeNothing() {
            RoutingRequest big = req("min_cost").with(loc("A").stock("X", 4)).line("X", 5).build();
            RoutingRequest small = req("min_cost").with(loc("A").stock("X", 4)).line("X", 4).build();
            List<RoutingPlan> plans = router.routeBatch(List.of(big, small));
            assertThat(plans.get(0).status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(plans.get(1).status()).isEqualTo(PlanStatus.OK);
        }
    }
}

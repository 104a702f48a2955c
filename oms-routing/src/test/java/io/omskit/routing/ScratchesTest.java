package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.Sku;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pool of per-call arrays: lent to one caller at a time, reused, and safe for routers shared by threads. */
class ScratchesTest {

    @Nested
    class Lending {
        @Test
        void take_twiceWithoutGive_lendsDistinctArrays() {
            Scratches a = Scratches.take();
            Scratches b = Scratches.take();
            try {
                assertThat(a).isNotSameAs(b);
                assertThat(a.build).isNotSameAs(b.build);
                assertThat(a.search).isNotSameAs(b.search);
            } finally {
                Scratches.give(b);
                Scratches.give(a);
            }
        }

        @Test
        void give_thenTake_onOneThread_reusesTheArrays() {
            Scratches a = Scratches.take();
            Scratches.give(a);
            Scratches again = Scratches.take();
            try {
                assertThat(again).isSameAs(a);
            } finally {
                Scratches.give(again);
            }
        }

        @Test
        void give_moreThanTheSlots_keepsAtMostTheSlots() {
            List<Scratches> taken = new ArrayList<>();
            for (int i = 0; i < Scratches.SLOTS + 5; i++) {
                taken.add(Scratches.take());
            }
            taken.forEach(Scratches::give);
            assertThat(Scratches.pooled()).isEqualTo(Scratches.SLOTS);
        }
    }

    @Nested
    class DirectBuilds {
        @Test
        void route_requestsOfMixedSizesOnReusedArrays_sameAsFreshArrays() {
            // every request has its own location list, so each is built directly on the arrays the previous one
            // left (larger or smaller, stock listed or not): a cell not cleared, or a length read instead of the
            // count, would give a plan that differs from one built on new arrays
            Random rnd = new Random(20261127L);
            String[] strategies = {"min_cost", "min_cost", "priority", "distance", "fewest_splits",
                "priority_whole_lines"};
            Router shared = Router.standard();
            for (int i = 0; i < 600; i++) {
                String strategy = strategies[rnd.nextInt(strategies.length)];
                RoutingRequest r = Instances.random(rnd, strategy, 1 + rnd.nextInt(i % 5 == 0 ? 70 : 12),
                        1 + rnd.nextInt(6), 3, i % 2 == 0 ? 6 : 1);
                assertThat(shared.route(r)).as("request %d (%s)", i, strategy).isEqualTo(fresh(r));
            }
        }

        @Test
        void route_locationsSharingTheirNeighboursStockMap_sameAsEachWithItsOwnMap() {
            // the direct build reads a stock map shared with the location before it only once (an engine gives
            // locations with the same units one map): the plan must be the one of equal maps that are not shared,
            // read through the network index (a list routed a second time), which reads no stock map per request
            Random rnd = new Random(20261128L);
            Router shared = Router.withNodeBudget(Router.DEFAULT_NODE_BUDGET);
            for (int i = 0; i < 400; i++) {
                RoutingRequest r = Instances.random(rnd, i % 4 == 0 ? "priority" : "min_cost", 2 + rnd.nextInt(12),
                        1 + rnd.nextInt(5), 3, i % 2 == 0 ? 6 : 1);
                List<CandidateLocation> sharing = new ArrayList<>();
                List<CandidateLocation> own = new ArrayList<>();
                Map<Sku, Integer> last = null;
                for (CandidateLocation c : r.locations()) {
                    Map<Sku, Integer> stock = last != null && rnd.nextInt(3) > 0 ? last : c.stock();
                    sharing.add(with(c, stock));
                    own.add(with(c, new HashMap<>(stock)));
                    last = stock;
                }
                RoutingPlan got = shared.route(new RoutingRequest(r.strategy(), sharing, r.lines(), r.destination(),
                        r.excludedLocations(), null, r.options(), r.costModel()));
                RoutingRequest ownRequest = new RoutingRequest(r.strategy(), own, r.lines(), r.destination(),
                        r.excludedLocations(), null, r.options(), r.costModel());
                shared.route(ownRequest);
                RoutingPlan want = shared.route(ownRequest);
                assertThat(sharing.get(sharing.size() - 1).stock()).isSameAs(last);
                assertThat(got).as("request %d", i).isEqualTo(want);
            }
        }

        private CandidateLocation with(CandidateLocation c, Map<Sku, Integer> stock) {
            return new CandidateLocation(c.id(), c.position(), c.priority(), c.enabled(), c.pickup(), stock,
                    c.reserved(), c.safetyStock(), c.unitCost(), c.shipmentFixedCost(), c.capacityUnits());
        }

        /** The plan as the router makes it, on new arrays and without the network index. */
        private RoutingPlan fresh(RoutingRequest r) {
            String name = r.strategy();
            Problem.Built built = Problem.build(r, Problem.Taken.NONE, Router.STRATEGIES.contains(name), null,
                    !"priority".equals(name) && !"priority_whole_lines".equals(name) && !"min_cost".equals(name),
                    "min_cost".equals(name), new Problem.Scratch());
            if (built.error != null) {
                return Plans.invalid(r, built.error);
            }
            switch (name) {
                case "priority":
                    return Walks.priority(built.problem, name);
                case "distance":
                    return Walks.distance(built.problem, name);
                case "fewest_splits":
                    return Walks.fewestSplits(built.problem, name);
                case "priority_whole_lines":
                    return Walks.wholeLines(built.problem, name);
                default:
                    return new MinCost(Router.DEFAULT_NODE_BUDGET).route(built.problem, name, new MinCost.Scratch());
            }
        }
    }

    @Nested
    class SharedRouter {
        @Test
        void route_onFourThreadsAtOnce_givesTheSamePlansAsOneThread() throws Exception {
            // indexed builds (the same location list, routed before) and the search both run on lent arrays: a
            // plan made while another thread used the same arrays would differ from the one-thread plan
            Random rnd = new Random(20261126L);
            List<RoutingRequest> requests = new ArrayList<>();
            RoutingRequest network = Instances.random(rnd, "min_cost", 40, 4, 3, 6);
            for (int i = 0; i < 200; i++) {
                RoutingRequest o = Instances.random(rnd, i % 3 == 0 ? "priority" : "min_cost", 40, 4, 3, 6);
                requests.add(new RoutingRequest(o.strategy(), network.locations(), o.lines(), o.destination(),
                        network.excludedLocations(), null, o.options(), o.costModel()));
            }
            Router shared = Router.standard();
            List<RoutingPlan> expected = new ArrayList<>();
            for (RoutingRequest r : requests) {
                expected.add(Router.standard().route(r));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<RoutingPlan>>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int offset = t * 50;
                    runs.add(pool.submit(() -> {
                        start.await();
                        List<RoutingPlan> got = new ArrayList<>();
                        for (int k = 0; k < 5 * requests.size(); k++) {
                            got.add(shared.route(requests.get((offset + k) % requests.size())));
                        }
                        return got;
                    }));
                }
                start.countDown();
                for (int t = 0; t < 4; t++) {
                    List<RoutingPlan> got = runs.get(t).get(60, TimeUnit.SECONDS);
                    for (int k = 0; k < got.size(); k++) {
                        int i = (t * 50 + k) % requests.size();
                        assertThat(got.get(k)).as("thread %d, request %d", t, i).isEqualTo(expected.get(i));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

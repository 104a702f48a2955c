package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.List;
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

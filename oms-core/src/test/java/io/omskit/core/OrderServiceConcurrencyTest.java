package io.omskit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsException;
import io.omskit.spi.StaleOrderException;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentStatus;
import io.omskit.spi.model.Initiator;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.StockLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real threads: 4 workers drive 10,000 orders over 20 hot SKUs through the journey while a fifth thread
 * cancels units of the same orders concurrently. No oversell, no lost update, every invariant.
 */
class OrderServiceConcurrencyTest {
    private static final int ORDERS = 10_000;
    private static final int WORKERS = 4;
    private static final int SKUS = 20;

    @Test
    @DisplayName("4 workers and a canceller on 10,000 orders over 20 hot SKUs: no oversell, no lost update")
    void manyThreads_hotSkus_noOversellNoLostUpdate() throws Exception {
        EngineFixture f = new EngineFixture();
        for (int s = 0; s < SKUS; s++) {
            f.stock(EngineFixture.EAST, sku(s), 400);
            f.stock(EngineFixture.WEST, sku(s), 300);
            f.stock(EngineFixture.STORE, sku(s), 50);
        }
        OrderService oms = f.engine(EngineConfig.defaults().withMaxAttempts(50), EngineFixture.PortWrapper.NONE);
        ConcurrentLinkedQueue<OrderId> placed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger rejectedCancels = new AtomicInteger();
        AtomicInteger acceptedCancels = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            futures.add(pool.submit(() -> {
                await(start);
                SplittableRandom random = new SplittableRandom(next.get() * 31L + 7);
                int i;
                while ((i = next.getAndIncrement()) < ORDERS) {
                    String id = String.format("C-%05d", i);
                    int first = random.nextInt(SKUS);
                    int second = (first + 1 + random.nextInt(SKUS - 1)) % SKUS;
                    try {
                        drive(oms, EngineFixture.order(id, sku(first), 1 + random.nextInt(3),
                                sku(second), 1 + random.nextInt(2)), placed);
                    } catch (RuntimeException e) {
                        if (!(e instanceof OmsException)) {
                            failures.add(e);
                        }
                    }
                }
            }));
        }
        futures.add(pool.submit(() -> {
            await(start);
            SplittableRandom random = new SplittableRandom(99);
            while (next.get() < ORDERS) {
                OrderId target = OrderId.of(String.format("C-%05d", Math.max(0, next.get() - 1 - random.nextInt(4))));
                try {
                    OrderSnapshot o = oms.find(target).orElse(null);
                    if (o != null) {
                        oms.cancelLine(target, o.lines().get(0).id(), 1, Initiator.CUSTOMER, "customer_request");
                        acceptedCancels.incrementAndGet();
                    }
                } catch (CommandRejectedException e) {
                    rejectedCancels.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }));
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        for (Future<?> future : futures) {
            future.get(1, TimeUnit.SECONDS);
        }
        assertThat(failures).as("unexpected failures").isEmpty();
        assertThat(placed).hasSize(ORDERS);
        assertThat(acceptedCancels.get()).as("the canceller raced the workers and won sometimes").isPositive();

        // no oversell anywhere, and stock conserved
        for (Map.Entry<LocationId, Map<Sku, StockLevel>> loc : f.inventory.snapshot().entrySet()) {
            for (Map.Entry<Sku, StockLevel> e : loc.getValue().entrySet()) {
                assertThat(e.getValue().reserved()).as("%s %s", loc.getKey(), e.getKey())
                        .isLessThanOrEqualTo(e.getValue().onHand());
            }
        }
        assertThat(f.inventory.totals().conserved()).isTrue();

        // no lost update: every snapshot is exactly the fold of its events; reservations match the orders
        OrderDecider decider = OrderDecider.standard();
        long heldByOrders = 0;
        long shippedByOrders = 0;
        for (OrderId id : placed) {
            OrderSnapshot o = oms.get(id);
            List<OrderEvent> events = oms.history(id);
            assertThat(decider.replay(events)).as("replay of %s", id).isEqualTo(o);
            for (OrderLine line : o.lines()) {
                heldByOrders += line.in(Bucket.ALLOCATED) + line.in(Bucket.RELEASED) + line.in(Bucket.PICKED)
                        + line.in(Bucket.PACKED) + line.in(Bucket.READY_FOR_PICKUP);
                shippedByOrders += line.in(Bucket.SHIPPED) + line.in(Bucket.DELIVERED);
            }
            for (Fulfillment ff : o.fulfillments()) {
                if (ff.status() == FulfillmentStatus.SHIPPED || ff.status() == FulfillmentStatus.DELIVERED) {
                    assertThat(ff.trackingNumber()).isNotNull();
                }
            }
        }
        assertThat(f.inventory.totals().reserved()).as("reserved = units orders hold").isEqualTo(heldByOrders);
        assertThat(f.inventory.totals().consumed()).as("consumed = units shipped").isEqualTo(shippedByOrders);
        assertThat(f.payments.totals(EngineFixture.USD).captured().compareTo(
                f.payments.totals(EngineFixture.USD).authorized())).isLessThanOrEqualTo(0);
    }

    @Test
    @DisplayName("8 threads repeat one cancelLine at the version they saw: exactly one cancels, the rest are stale")
    void cancelLineAtVersion_repeatedByEightThreads_cancelsOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            EngineFixture f = new EngineFixture();
            f.stock(EngineFixture.EAST, sku(0), 10);
            OrderService oms = f.engine(EngineConfig.defaults().withMaxAttempts(50), EngineFixture.PortWrapper.NONE);
            OrderId id = OrderId.of("R-" + round);
            oms.place(EngineFixture.order(id.value(), sku(0), 8));
            oms.verify(id);
            OrderSnapshot seen = oms.route(id);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger stale = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                pool.execute(() -> {
                    await(start);
                    try {
                        oms.cancelLine(id, seen.lines().get(0).id(), 1, Initiator.CUSTOMER, "customer_request",
                                seen.version());
                        accepted.incrementAndGet();
                    } catch (StaleOrderException e) {
                        if (e.code() == OmsErrorCode.STALE_VERSION) {
                            stale.incrementAndGet();
                        } else {
                            failures.add(e);
                        }
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("finished in time").isTrue();
            assertThat(failures).isEmpty();
            assertThat(accepted.get()).as("accepted in round %d", round).isEqualTo(1);
            assertThat(stale.get()).isEqualTo(7);
            OrderSnapshot o = oms.get(id);
            assertThat(o.version()).isEqualTo(seen.version() + 1);
            assertThat(o.lines().get(0).in(Bucket.CANCELLED)).isEqualTo(1);
            assertThat(f.inventory.totals().reserved()).isEqualTo(7);
        }
    }

    private static void drive(OrderService oms, PlaceOrder request, ConcurrentLinkedQueue<OrderId> placed) {
        OrderId id = request.orderId();
        oms.place(request);
        placed.add(id);
        oms.verify(id);
        oms.route(id);
        OrderSnapshot o = oms.get(id);
        for (Fulfillment ff : o.fulfillments()) {
            if (ff.status() != FulfillmentStatus.PLANNED) {
                continue;
            }
            try {
                oms.release(id, ff.id());
                oms.pick(id, ff.id(), List.of());
                oms.pack(id, ff.id());
                oms.ship(id, ff.id());
                oms.deliver(id, ff.id(), false);
            } catch (CommandRejectedException e) {
                // the canceller emptied this fulfillment meanwhile
            }
        }
    }

    private static String sku(int i) {
        return "HOT-" + i;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.OrderCommand;
import io.omskit.core.OrderDecider;
import io.omskit.core.OrderService;
import io.omskit.core.PlaceOrder;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.spi.OmsException;
import io.omskit.spi.ProviderException;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Disposition;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.InspectionResult;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderReturn;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Resolution;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.ReturnStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.StockLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Crash safety on PostgreSQL: the database session of one connection checkout of a whole order journey is killed
 * for real ({@code pg_terminate_backend}), before the first statement, in the middle of the transaction, or right
 * after the commit with the answer lost; the failed command must throw a typed {@link OmsException}, and after
 * {@code resume} the order completes with nothing charged, reserved, consumed, restocked or stored twice.
 */
class PostgresEngineFaultTest {
    private static final ReturnId RET = ReturnId.of("R1");
    private static PostgresStores db;

    @BeforeAll
    static void open() {
        db = PostgresStores.open(TestDatabase.newSchema("faults", 4));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("a session killed at any connection checkout of a journey, then resume: typed errors, nothing twice")
    void sessionKilledAtEveryCheckout_thenResume_completesWithNothingTwice() {
        Run clean = run("clean", Integer.MAX_VALUE, KillingDataSource.Mode.BEFORE_FIRST_STATEMENT);
        clean.assertClean();
        assertThat(clean.errors).as("no error without a fault").isEmpty();
        int checkouts = clean.checkouts;
        assertThat(checkouts).isGreaterThan(30);
        int fired = 0;
        int providerErrors = 0;
        KillingDataSource.Mode[] modes = KillingDataSource.Mode.values();
        // every checkout of the journey is hit once, the mode rotating (k mod 3): about 3 x fewer runs than all
        // combinations, still every moment at many points of the journey
        for (int k = 1; k <= checkouts; k++) {
            KillingDataSource.Mode mode = modes[k % modes.length];
            Run r = run("k" + k + "-" + mode.ordinal(), k, mode);
            r.assertClean();
            if (r.fired) {
                fired++;
            }
            for (OmsException e : r.errors) {
                if (e instanceof ProviderException) {
                    providerErrors++;
                }
            }
        }
        assertThat(fired).as("faults injected").isGreaterThanOrEqualTo(checkouts - 2);
        assertThat(providerErrors).as("killed sessions surface as ProviderException").isGreaterThanOrEqualTo(fired / 2);
    }

    /** One journey with one injected fault. */
    private static final class Run {
        String tag;
        int checkouts;
        boolean fired;
        List<OmsException> errors = new ArrayList<>();
        List<RuntimeException> untyped = new ArrayList<>();
        OrderSnapshot order;
        SimulatedPaymentGateway.Totals money;
        int labels;
        Sku a;
        Sku b;

        void assertClean() {
            String what = tag;
            assertThat(untyped).as(what + ": every failure is a typed OmsException").isEmpty();
            assertThat(order.status()).as(what).isEqualTo(OrderStatus.COMPLETED);
            assertThat(order.returns()).as(what).allMatch(r -> r.status() == ReturnStatus.CLOSED);
            Money due = Money.zero(Shop.USD);
            Money returned = Money.zero(Shop.USD);
            int shipments = 0;
            for (OrderLine line : order.lines()) {
                due = due.plus(line.spec().unitPrice().times(line.quantity()));
                returned = returned.plus(line.spec().unitPrice().times(line.in(Bucket.RETURNED)));
            }
            for (Fulfillment f : order.fulfillments()) {
                if (f.shippedAt() != null) {
                    shipments++;
                }
            }
            assertThat(money.authorized()).as(what + ": authorized once").isEqualTo(due);
            assertThat(money.captured()).as(what + ": captured once").isEqualTo(due);
            assertThat(money.refunded()).as(what + ": refunded once").isEqualTo(returned);
            assertThat(labels).as(what + ": one label per shipment").isEqualTo(shipments);
            assertThat(OrderDecider.standard().replay(db.orders().events(order.id())))
                    .as(what + ": events stored once each, snapshot = their fold").isEqualTo(order);
            Map<Sku, Long> consumed = db.audit().consumedBySku();
            Map<Sku, Long> restocked = db.audit().restockedBySku();
            long consumedHere = consumed.getOrDefault(a, 0L) + consumed.getOrDefault(b, 0L);
            long restockedHere = restocked.getOrDefault(a, 0L) + restocked.getOrDefault(b, 0L) - 12; // minus the seed
            assertThat(consumedHere).as(what + ": consumed once").isEqualTo(order.units(Bucket.DELIVERED)
                    + order.units(Bucket.RETURNED) + order.units(Bucket.RETURN_REQUESTED));
            assertThat(restockedHere).as(what + ": restocked once").isEqualTo(order.units(Bucket.RETURNED));
            for (Sku sku : List.of(a, b)) {
                long onHand = 0;
                for (StockLevel l : db.inventory().levels(sku).values()) {
                    assertThat(l.reserved()).as(what + ": nothing left reserved of " + sku).isZero();
                    onHand += l.onHand();
                }
                assertThat(onHand).as(what + ": %s conserved", sku)
                        .isEqualTo(restocked.getOrDefault(sku, 0L) - consumed.getOrDefault(sku, 0L));
            }
        }
    }

    private static Run run(String tag, int failAt, KillingDataSource.Mode mode) {
        Run r = new Run();
        r.tag = tag + " (" + mode + " at checkout " + failAt + ")";
        r.a = Sku.of("A-" + tag);
        r.b = Sku.of("B-" + tag);
        db.inventory().restock("seed-a-east-" + tag, Shop.EAST, r.a, 3);
        db.inventory().restock("seed-a-west-" + tag, Shop.WEST, r.a, 5);
        db.inventory().restock("seed-b-east-" + tag, Shop.EAST, r.b, 4);
        Shop shop = new Shop();
        KillingDataSource killing = new KillingDataSource(db.dataSource(), TestDatabase.url(), failAt, mode);
        OrderService oms = shop.engine(new PostgresOrderStore(killing), new PostgresInventoryStore(killing));
        OrderId id = OrderId.of("F-" + tag);
        PlaceOrder request = Shop.order(id.value(), r.a.value(), 5, r.b.value(), 1);
        for (int step = 0; step < 200; step++) {
            shop.clock.advance(Duration.ofMinutes(10));
            try {
                if (!advance(oms, id, request)) {
                    break;
                }
            } catch (OmsException e) {
                r.errors.add(e);
                // the host resumes the order until that succeeds (a killed session may fail the first attempt too)
                for (int attempt = 0; attempt < 5; attempt++) {
                    try {
                        if (oms.find(id).isPresent()) {
                            oms.resume(id);
                        }
                        break;
                    } catch (OmsException again) {
                        r.errors.add(again);
                    }
                }
            } catch (RuntimeException e) {
                r.untyped.add(e);
                break;
            }
        }
        r.checkouts = killing.checkouts();
        r.fired = killing.fired();
        r.order = db.orders().load(id).orElseThrow();
        r.money = shop.payments.totals(Shop.USD);
        r.labels = shop.carrier.labelCount();
        return r;
    }

    /** Does the next step of the journey; false when the journey is over. */
    private static boolean advance(OrderService oms, OrderId id, PlaceOrder request) {
        Optional<OrderSnapshot> found = oms.find(id);
        if (found.isEmpty()) {
            oms.place(request);
            return true;
        }
        OrderSnapshot o = found.get();
        if (o.status() == OrderStatus.PLACED || o.status() == OrderStatus.IN_REVIEW) {
            oms.verify(id);
            return true;
        }
        if (o.status() == OrderStatus.CONFIRMED && o.units(Bucket.PENDING) > 0) {
            oms.route(id);
            return true;
        }
        for (Fulfillment ff : o.fulfillments()) {
            switch (ff.status()) {
                case PLANNED:
                    oms.release(id, ff.id());
                    return true;
                case RELEASED:
                    oms.pick(id, ff.id(), List.of());
                    return true;
                case PICKING:
                    oms.pack(id, ff.id());
                    return true;
                case PACKED:
                    oms.ship(id, ff.id());
                    return true;
                case SHIPPED:
                    oms.deliver(id, ff.id(), false);
                    return true;
                default:
                    break;
            }
        }
        Optional<OrderReturn> ret = o.orderReturn(RET);
        if (ret.isEmpty()) {
            if (o.units(Bucket.DELIVERED) == o.lines().stream().mapToInt(OrderLine::quantity).sum()) {
                oms.requestReturn(id, RET, List.of(new OrderCommand.ReturnItem(o.lines().get(0).id(), 2, "changed_mind")));
                return true;
            }
            oms.resume(id);
            return true;
        }
        OrderReturn r = ret.get();
        if (r.status() == ReturnStatus.REQUESTED) {
            oms.approveReturn(id, RET);
            return true;
        }
        if (r.status() == ReturnStatus.APPROVED) {
            oms.receiveReturn(id, RET, Shop.EAST, List.of(new OrderCommand.ReceivedItem(o.lines().get(0).id(), 2)));
            return true;
        }
        if (r.status() == ReturnStatus.RECEIVED && r.lines().get(0).inspection() == InspectionResult.PENDING) {
            oms.inspectReturn(id, RET, o.lines().get(0).id(), InspectionResult.ACCEPTED, Disposition.RESTOCK);
            return true;
        }
        if (r.status() == ReturnStatus.RECEIVED) {
            oms.closeReturn(id, RET, Resolution.REFUND);
            return true;
        }
        if (o.status() != OrderStatus.COMPLETED) {
            oms.resume(id);
            return oms.get(id).status() != OrderStatus.COMPLETED;
        }
        return false;
    }
}

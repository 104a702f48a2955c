package io.omskit.benchmarks.lifecycle;

import io.omskit.benchmarks.lifecycle.PeerModel.OrderShape;
import io.omskit.core.Decision;
import io.omskit.core.OrderCommand;
import io.omskit.core.OrderDecider;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.FraudAssessment;
import io.omskit.spi.model.FraudDecision;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Sku;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The omskit side of the lifecycle benchmark: the commands of one realistic 3-line order, prepared once
 * (commands are immutable values and {@code decide} is pure, so they can be decided again and again), and
 * the fold of {@code decide} over them.
 *
 * <p>Benchmark support; immutable, thread-safe.
 */
final class OmskitLifecycle {
    /** Names of the transitions, in lifecycle order; the first is Place, decided against no snapshot. */
    static final List<String> KINDS = List.of("place", "authorize", "fraud_accept", "allocate", "release", "pick",
            "pack", "ship", "deliver", "capture");

    /** Commands of the 8-stage lifecycle (place + 8), the 9 the peers mirror. */
    static final int LIFECYCLE = 9;

    static final Instant T0 = Instant.parse("2026-11-02T09:15:00Z");
    private static final Currency USD = Currency.getInstance("USD");

    private final OrderCommand.Place place;
    private final List<OrderCommand> steps;

    private OmskitLifecycle(OrderCommand.Place place, List<OrderCommand> steps) {
        this.place = place;
        this.steps = steps;
    }

    /** The commands of one order: Place, then authorize, fraud, allocate, release, pick, pack, ship, deliver, capture. */
    static OmskitLifecycle of(OrderShape shape) {
        OrderId id = OrderId.of(shape.orderId());
        List<LineSpec> lines = new ArrayList<>();
        List<FulfillmentLine> planned = new ArrayList<>();
        for (int i = 0; i < shape.skus().length; i++) {
            LineId line = LineId.of(String.valueOf(i + 1));
            lines.add(new LineSpec(line, Sku.of(String.format(java.util.Locale.ROOT, "SKU-%05d", shape.skus()[i])),
                    shape.quantities()[i], new Money(shape.unitPrices()[i], USD),
                    new Money(shape.unitPrices()[i] / 2, USD)));
            planned.add(new FulfillmentLine(line, shape.quantities()[i]));
        }
        Address shipTo = new Address("A. Customer", "1 Main St", null, "Columbus", "OH", "43215", "US",
                new GeoPoint(39.9612, -82.9988));
        Money total = new Money(shape.total(), USD);
        FulfillmentId f = FulfillmentId.of("F1");
        OrderCommand.Place place = new OrderCommand.Place(id, Channel.of(ChannelType.WEB), "W" + shape.orderId(),
                "web:" + shape.orderId(), CustomerId.of("C-" + shape.orderId()), USD, shipTo, shipTo, null,
                T0.plus(Duration.ofDays(3)), lines, T0);
        List<OrderCommand> steps = List.of(
                new OrderCommand.RecordAuthorization(total, "auth-" + shape.orderId(), at(1)),
                new OrderCommand.RecordFraudAssessment(new FraudAssessment(FraudDecision.ACCEPT, 12, List.of()), at(2)),
                new OrderCommand.Allocate(List.of(new OrderCommand.PlannedFulfillment(f, LocationId.of("DC-COLUMBUS"),
                        false, planned, shape.orderId() + "/F1")), at(3)),
                new OrderCommand.Release(f, at(4)),
                new OrderCommand.Pick(f, List.of(), at(5)),
                new OrderCommand.Pack(f, at(6)),
                new OrderCommand.Ship(f, "ups", "1Z" + shape.orderId(), at(7)),
                new OrderCommand.Deliver(f, false, at(8)),
                new OrderCommand.RecordCapture(total, "cap-" + shape.orderId(), at(9)));
        return new OmskitLifecycle(place, steps);
    }

    private static Instant at(int step) {
        return T0.plusSeconds(600L * step);
    }

    /** The command of transition {@code kind} (an index into {@link #KINDS}). */
    OrderCommand command(int kind) {
        return kind == 0 ? place : steps.get(kind - 1);
    }

    /** Decides the first {@code transitions} commands (9 = the 8-stage lifecycle, 10 = with capture). */
    OrderSnapshot run(OrderDecider decider, int transitions) {
        OrderSnapshot s = accepted(decider.decide(null, place), 0).snapshot();
        for (int k = 1; k < transitions; k++) {
            s = accepted(decider.decide(s, steps.get(k - 1)), k).snapshot();
        }
        return s;
    }

    /** The snapshots before each transition (null before Place) and the events each emits; for set-up and checks. */
    List<OrderSnapshot> snapshotsBefore(OrderDecider decider, int[] eventsPerKind) {
        List<OrderSnapshot> before = new ArrayList<>();
        OrderSnapshot s = null;
        for (int k = 0; k < KINDS.size(); k++) {
            before.add(s);
            Decision.Accepted a = accepted(decider.decide(s, command(k)), k);
            eventsPerKind[k] = a.events().size();
            s = a.snapshot();
        }
        if (s.status() != OrderStatus.COMPLETED) {
            throw new IllegalStateException("order " + s.id() + " did not complete: " + s.state());
        }
        return before;
    }

    static Decision.Accepted accepted(Decision d, int kind) {
        if (d instanceof Decision.Accepted a) {
            return a;
        }
        throw new IllegalStateException(KINDS.get(kind) + " was rejected: " + d);
    }
}

package io.omskit.core;

import static io.omskit.core.OrderFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.FulfillmentLine;
import io.omskit.spi.model.OrderSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fulfillment step checks its units and moves them in one pass and applies its event without the fold
 * ({@code Decide.movedLines}); a fulfillment that names a line twice (a host-built snapshot: the engine's plans
 * refuse it) takes the generic path instead, which checks every unit against the lines as they were and then folds
 * the event. These cases give the generic path's answers.
 */
class FulfillmentStepPathTest {
    private final OrderDecider decider = OrderDecider.standard();

    /** The allocated standard order (L1 x2, L2 x1, L3 x3 on F1), F1's lines replaced by {@code lines}. */
    private static OrderSnapshot allocatedWith(FulfillmentLine... lines) {
        OrderSnapshot s = OrderFixture.standard().allocated().snapshot();
        Fulfillment f = s.fulfillments().get(0);
        Fulfillment g = new Fulfillment(f.id(), f.location(), f.state(), f.status(), f.pickup(), List.of(lines),
                f.carrier(), f.trackingNumber(), f.reservationId(), f.shippedAt(), f.deliveredAt(),
                f.trackingEventIds());
        return new OrderSnapshot(s.id(), s.version(), s.state(), s.status(), s.placement(), s.lines(), s.holds(),
                List.of(g), s.payments(), s.returns(), s.fraud(), s.updatedAt(), s.paymentRequests());
    }

    @Test
    void release_lineNamedTwice_movesBothParts_asTheFoldDoes() {
        OrderSnapshot s = allocatedWith(fl(L1, 1), fl(L1, 1), fl(L2, 1), fl(L3, 3));
        Decision d = decider.decide(s, release(F1));
        assertThat(d).isInstanceOf(Decision.Accepted.class);
        Decision.Accepted a = (Decision.Accepted) d;
        assertThat(a.snapshot().line(L1).orElseThrow().in(Bucket.RELEASED)).isEqualTo(2);
        OrderSnapshot folded = s;
        for (OrderEvent e : a.events()) {
            folded = decider.apply(folded, e);
        }
        assertThat(a.snapshot()).isEqualTo(folded);
    }

    @Test
    void release_lineNamedTwice_moreThanItHolds_isRefusedByTheFold() {
        // each part alone fits the two allocated units (the checks pass), the second move finds none left
        OrderSnapshot s = allocatedWith(fl(L1, 2), fl(L1, 1), fl(L2, 1), fl(L3, 3));
        Decision d = decider.decide(s, release(F1));
        assertThat(d).isEqualTo(new Decision.Rejected(OmsErrorCode.INSUFFICIENT_QUANTITY,
                "INSUFFICIENT_QUANTITY: bucket ALLOCATED holds 0, cannot move 1"));
    }
}

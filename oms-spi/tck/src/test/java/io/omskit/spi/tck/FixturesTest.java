package io.omskit.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixturesTest {
    @Test
    void placedOrder_isVersionOnePlacedWithTwoPendingLines() {
        OrderSnapshot s = Fixtures.placedOrder(Fixtures.newOrderId());
        OrderPlaced e = Fixtures.orderPlaced(s);

        assertThat(s.version()).isEqualTo(1);
        assertThat(s.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(s.lines()).hasSize(2);
        assertThat(e.orderId()).isEqualTo(s.id());
        assertThat(e.lines()).hasSize(2);
        assertThat(Fixtures.nextVersion(s, 3).version()).isEqualTo(2);
    }

    @Test
    void hostileTexts_areValidIdsAndBuildOrders() {
        for (String t : Fixtures.hostileTexts()) {
            OrderSnapshot s = Fixtures.orderWithText(OrderId.of(t + Fixtures.unique("")), t + "-key", t);
            assertThat(s.externalOrderId()).isEqualTo(t);
        }
    }

    @Test
    void unique_returnsDistinctValues() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Fixtures.unique("x"))).isTrue();
        }
    }
}

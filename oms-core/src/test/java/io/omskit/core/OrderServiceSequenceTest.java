package io.omskit.core;

import static io.omskit.core.EngineFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.TransactionType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Call sequences of {@link OrderService} found by {@link OrderServiceProperties} to break an engine invariant,
 * each reduced to its smallest form.
 */
class OrderServiceSequenceTest {

    private final EngineFixture fx = new EngineFixture();
    private final OrderService engine = fx.engine(EngineConfig.defaults(), EngineFixture.PortWrapper.NONE);
    private final OrderId id = OrderId.of("O-1");

    @Nested
    @DisplayName("verify")
    class Verify {

        /**
         * An order confirmed by the host ({@link OrderService#confirm}) is past fraud screening, which the decider
         * refuses after confirmation: verify used to authorize, then fail on the screening, so the call threw
         * after it had moved money and saved two versions.
         */
        @Test
        @DisplayName("verify of an order the host confirmed authorizes it and does not screen it")
        void verify_afterHostConfirmed_authorizesWithoutScreeningAndDoesNotThrow() {
            fx.stock(EngineFixture.EAST, "SKU-A", 5);
            engine.place(order("O-1", "SKU-A", 1));
            engine.confirm(id, "agent");

            OrderSnapshot verified = engine.verify(id);

            assertThat(verified.status()).isEqualTo(OrderStatus.CONFIRMED);
            assertThat(verified.fraud()).isNull();
            assertThat(verified.payments()).extracting(t -> t.type()).containsExactly(TransactionType.AUTHORIZATION);
            assertThat(engine.get(id)).isEqualTo(verified);
        }
    }
}

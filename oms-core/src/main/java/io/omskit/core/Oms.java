package io.omskit.core;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.port.CarrierGateway;
import io.omskit.spi.port.FraudScreener;
import io.omskit.spi.port.FulfillmentRouter;
import io.omskit.spi.port.InventoryStore;
import io.omskit.spi.port.LocationDirectory;
import io.omskit.spi.port.OrderStore;
import io.omskit.spi.port.PaymentGateway;
import java.time.Clock;

/**
 * The entry point: explicit wiring of an {@link OrderService} from the host's adapters. No service loader,
 * no classpath scanning:
 *
 * <pre>{@code
 * OrderService oms = Oms.builder()
 *     .clock(clock).orders(store).inventory(stock).locations(directory)
 *     .payments(psp).fraud(screener).carriers(carrier).router(router)
 *     .build();
 * }</pre>
 *
 * <p>This class has only static methods; the {@link Builder} is not thread-safe, the engine it builds is.
 */
public final class Oms {
    private Oms() {
    }

    /** A new builder; every port is required, the clock, decider and config have defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects the engine's collaborators. Not thread-safe; use from one thread, then {@link #build()}.
     */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private OrderStore orders;
        private InventoryStore inventory;
        private LocationDirectory locations;
        private PaymentGateway payments;
        private FraudScreener fraud;
        private CarrierGateway carriers;
        private FulfillmentRouter router;
        private OrderDecider decider;
        private EngineConfig config = EngineConfig.defaults();

        private Builder() {
        }

        /** The clock every command's time comes from (default: the UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder orders(OrderStore orders) {
            this.orders = orders;
            return this;
        }

        public Builder inventory(InventoryStore inventory) {
            this.inventory = inventory;
            return this;
        }

        public Builder locations(LocationDirectory locations) {
            this.locations = locations;
            return this;
        }

        public Builder payments(PaymentGateway payments) {
            this.payments = payments;
            return this;
        }

        public Builder fraud(FraudScreener fraud) {
            this.fraud = fraud;
            return this;
        }

        public Builder carriers(CarrierGateway carriers) {
            this.carriers = carriers;
            return this;
        }

        public Builder router(FulfillmentRouter router) {
            this.router = router;
            return this;
        }

        /** The decider with the host's graph extensions and guards (default {@link OrderDecider#standard()}). */
        public Builder decider(OrderDecider decider) {
            this.decider = decider;
            return this;
        }

        /** Capture policy, retries, routing strategy (default {@link EngineConfig#defaults()}). */
        public Builder config(EngineConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws OmsValidationException {@code CONFIGURATION} naming the first missing collaborator
         */
        public OrderService build() {
            return new OrderService(need(clock, "clock"), need(orders, "orders"), need(inventory, "inventory"),
                    need(locations, "locations"), need(payments, "payments"), need(fraud, "fraud"),
                    need(carriers, "carriers"), need(router, "router"),
                    decider != null ? decider : OrderDecider.standard(), need(config, "config"));
        }

        private static <T> T need(T value, String name) {
            if (value == null) {
                throw new OmsValidationException(OmsErrorCode.CONFIGURATION, "Oms.builder(): " + name + "(..) is required");
            }
            return value;
        }
    }
}

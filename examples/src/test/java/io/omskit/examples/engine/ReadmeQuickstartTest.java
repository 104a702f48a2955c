package io.omskit.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.EngineConfig;
import io.omskit.core.Oms;
import io.omskit.core.OrderService;
import io.omskit.core.PlaceOrder;
import io.omskit.core.memory.InMemoryInventoryStore;
import io.omskit.core.memory.InMemoryOrderStore;
import io.omskit.core.memory.RuleBasedFraudScreener;
import io.omskit.core.memory.SimulatedCarrier;
import io.omskit.core.memory.SimulatedPaymentGateway;
import io.omskit.core.memory.StaticLocationDirectory;
import io.omskit.routing.Router;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Bucket;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.Fulfillment;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Location;
import io.omskit.spi.port.LocationType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Embed it" code runs as written, and the README shows exactly this test's code. */
class ReadmeQuickstartTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src", "test", "java", "io", "omskit", "examples", "engine",
            "ReadmeQuickstartTest.java");

    @Test
    void quickstart_wiresAnEngine_andRunsAnOrderToCompletion() {
        // README:begin
        InMemoryInventoryStore inventory = new InMemoryInventoryStore();
        LocationId east = LocationId.of("DC-EAST");
        inventory.setOnHand(east, Sku.of("TEE-M"), 100);
        Clock clock = Clock.systemUTC();
        OrderService oms = Oms.builder()
                .clock(clock)
                .orders(new InMemoryOrderStore())
                .inventory(inventory)
                .locations(StaticLocationDirectory.of(List.of(new Location(east, "East DC", LocationType.WAREHOUSE,
                        new GeoPoint(40.5, -74.4), true, false, true, 1, Integer.MAX_VALUE, 0, 0.40, 3.00))))
                .payments(new SimulatedPaymentGateway())
                .fraud(RuleBasedFraudScreener.ofDefaults())
                .carriers(SimulatedCarrier.ofDefaults(clock))
                .router(Router.standard())
                .config(EngineConfig.defaults())
                .build();

        OrderId id = OrderId.of("ORD-1");
        Address home = Address.at("New York", "US", new GeoPoint(40.71, -74.00));
        oms.place(new PlaceOrder(id, Channel.of(ChannelType.WEB), "web-1001", null, null,
                Currency.getInstance("USD"), home, home, null, null,
                List.of(new LineSpec(LineId.of("L1"), Sku.of("TEE-M"), 2, Money.parse("25.00", "USD"), null))));
        oms.verify(id);                        // authorize, screen for fraud
        OrderSnapshot order = oms.route(id);   // plan, allocate, reserve stock
        for (Fulfillment f : order.fulfillments()) {
            oms.release(id, f.id());
            oms.pick(id, f.id(), List.of());   // an empty list: every unit picked
            oms.pack(id, f.id());
            oms.ship(id, f.id());              // label, stock consumed, payment captured
            order = oms.deliver(id, f.id(), false);
        }
        List<OrderEvent> journal = oms.history(id); // what happened, event by event
        // README:end
        assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(order.units(Bucket.DELIVERED)).isEqualTo(2);
        assertThat(io.omskit.core.OrderViews.captured(order)).isEqualTo(Money.parse("50.00", "USD"));
        assertThat(journal).isNotEmpty();
        assertThat(inventory.level(east, Sku.of("TEE-M")).onHand()).isEqualTo(98);
    }

    @Test
    void readme_showsTheQuickstartTestsCode() throws IOException {
        List<String> tested = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(SELF, StandardCharsets.UTF_8)) {
            if (line.trim().equals("// README:end")) {
                break;
            }
            if (in) {
                tested.add(line.strip());
            }
            in |= line.trim().equals("// README:begin");
        }
        assertThat(tested).hasSizeGreaterThan(20);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("```java\n", readme.indexOf("## Embed it"));
        assertThat(start).as("README's Embed it section and its java block").isPositive();
        String block = readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 7));
        List<String> shown = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            shown.add(line.strip());
        }
        while (!shown.isEmpty() && shown.get(shown.size() - 1).isEmpty()) {
            shown.remove(shown.size() - 1);
        }
        assertThat(shown).containsExactlyElementsOf(tested);
    }
}

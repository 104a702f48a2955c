package io.omskit.examples.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.core.OrderService;
import io.omskit.core.PlaceOrder;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.StockLevel;
import io.omskit.spi.tck.Fixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile text through the whole engine on PostgreSQL: order ids, SKUs, line ids, customer ids, idempotency keys,
 * addresses and operation ids with quotes, semicolons and SQL fragments ({@code '; DROP TABLE orders; --}) are
 * stored and read back verbatim, and every table is still there afterwards.
 */
class PostgresHostileInputTest {
    private static PostgresStores db;

    @BeforeAll
    static void open() {
        db = PostgresStores.open(TestDatabase.newSchema("hostile", 3));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("hostile ids and text go through a whole journey and come back verbatim; no table is dropped")
    void hostileText_throughTheEngine_storedVerbatimAndTablesIntact() throws Exception {
        Shop shop = new Shop();
        OrderService oms = shop.engine(db.orders(), db.inventory());
        int n = 0;
        for (String text : Fixtures.hostileTexts()) {
            n++;
            String tail = "#" + n;
            Sku sku = Sku.of(text + tail);
            db.inventory().restock(text + " seed" + tail, Shop.EAST, sku, 5);
            OrderId id = OrderId.of(text + " order" + tail);
            Address to = new Address(text, text, null, "New York", null, "10001", "US", Shop.NEW_YORK);
            PlaceOrder request = new PlaceOrder(id, Channel.of(ChannelType.WEB), text, text + " key" + tail,
                    CustomerId.of(text + " customer" + tail), Shop.USD, to, to, null, null,
                    List.of(new LineSpec(LineId.of(text + " line" + tail), sku, 2, Money.ofMinor(1_500, "USD"),
                            Money.ofMinor(500, "USD"))));

            Shop.drive(oms, request);

            OrderSnapshot stored = db.orders().load(id).orElseThrow();
            assertThat(stored.id()).isEqualTo(id);
            assertThat(stored.status()).as(text).isEqualTo(OrderStatus.COMPLETED);
            assertThat(stored.externalOrderId()).isEqualTo(text);
            assertThat(stored.idempotencyKey()).isEqualTo(text + " key" + tail);
            assertThat(stored.shipTo()).isEqualTo(to);
            assertThat(stored.lines().get(0).sku()).isEqualTo(sku);
            assertThat(db.orders().findByIdempotencyKey(text + " key" + tail)).contains(id);
            assertThat(db.inventory().levels(sku)).isEqualTo(Map.of(Shop.EAST, new StockLevel(3, 0)));
            assertThat(db.audit().shippedBySku()).containsEntry(sku, 2L);
        }
        // LIKE wildcards are data, not patterns: a neighbour SKU is not matched
        assertThat(db.inventory().levels(Sku.of("%_ LIKE wildcards %"))).isEmpty();
        assertThat(db.inventory().level(LocationId.of("'; DROP TABLE inventory; --"), Sku.of("x"))).isEqualTo(new StockLevel(0, 0));
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.tables "
                     + "WHERE table_schema = current_schema() AND table_name IN "
                     + "('orders', 'order_events', 'inventory', 'reservations', 'reservation_lines', 'inventory_operations')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("omskit's tables still exist").isEqualTo(6);
            c.rollback();
        }
        assertThat(db.audit().orderCount()).isEqualTo(Fixtures.hostileTexts().size());
    }
}

package io.omskit.spi.tck;

import io.omskit.spi.event.OrderConfirmed;
import io.omskit.spi.event.OrderEvent;
import io.omskit.spi.event.OrderPlaced;
import io.omskit.spi.event.PaymentRequested;
import io.omskit.spi.model.Address;
import io.omskit.spi.model.Channel;
import io.omskit.spi.model.ChannelType;
import io.omskit.spi.model.CustomerId;
import io.omskit.spi.model.EventId;
import io.omskit.spi.model.FulfillmentId;
import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LineId;
import io.omskit.spi.model.LineSpec;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;
import io.omskit.spi.model.OrderId;
import io.omskit.spi.model.OrderLine;
import io.omskit.spi.model.OrderSnapshot;
import io.omskit.spi.model.OrderStatus;
import io.omskit.spi.model.PaymentRequest;
import io.omskit.spi.model.ReturnId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.model.TransactionType;
import io.omskit.spi.port.ShipmentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hand-built test data for the kits: orders and their events, hostile text, shipments, unique ids. Adapter
 * authors may use it in their own tests. Stateless; thread-safe.
 *
 * <p>Every id made here carries a random suffix ({@link #unique}), so the kits also
 * run against a durable store that keeps data between tests.
 */
public final class Fixtures {
    /** The instant all fixture times start from: {@code 2026-01-15T10:00:00Z}. */
    public static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    /** US dollars, the fixtures' currency. */
    public static final Currency USD = Currency.getInstance("USD");

    /** Berlin, a destination with a position. */
    public static final GeoPoint BERLIN = new GeoPoint(52.5200, 13.4050);
    /** Hamburg, an origin with a position. */
    public static final GeoPoint HAMBURG = new GeoPoint(53.5511, 9.9937);

    private Fixtures() {
    }

    /**
     * {@code prefix} followed by a dash and a random suffix of 16 hex digits. Uses a thread-local generator,
     * not {@link java.util.UUID#randomUUID()} whose shared lock would line up racing threads.
     */
    public static String unique(String prefix) {
        return prefix + "-" + String.format(Locale.ROOT, "%016x", ThreadLocalRandom.current().nextLong());
    }

    /** A new unique order id. */
    public static OrderId newOrderId() {
        return OrderId.of(unique("order"));
    }

    /** {@code minorUnits} cents in US dollars. */
    public static Money usd(long minorUnits) {
        return Money.ofMinor(minorUnits, "USD");
    }

    /**
     * Text that naive adapters mangle or execute: quotes, semicolons, SQL, markup, template syntax, unicode
     * beyond the basic plane. Every entry is a valid id (no control characters, at most 80 chars).
     */
    public static List<String> hostileTexts() {
        return List.of(
                "'; DROP TABLE orders; --",
                "O'Brien \"quoted\" `back` \\slash",
                "semi;colon,comma|pipe",
                "Zoë Ünïcødé 注文 приказ طلب",
                "emoji 🚀📦 surrogate pairs",
                "%_ LIKE wildcards %",
                "<script>alert(1)</script>",
                "${jndi:ldap://x} {{template}}",
                "  leading and trailing spaces  ");
    }

    /** A placed order at version 1: status PLACED, two pending lines, web channel, random customer and key. */
    public static OrderSnapshot placedOrder(OrderId id) {
        return placedOrder(id, unique("idem"));
    }

    /** A placed order at version 1 with the given capture idempotency key. */
    public static OrderSnapshot placedOrder(OrderId id, String idempotencyKey) {
        return placedOrder(id, idempotencyKey, "ext-" + id.value(), "Main Street 1");
    }

    /**
     * A placed order at version 1 whose free text carries {@code text}: the external order id, the customer
     * id, the channel id, the address lines, city and recipient, a SKU and a line id.
     */
    public static OrderSnapshot orderWithText(OrderId id, String idempotencyKey, String text) {
        Address a = new Address(text, text, text, text, text, text, "DE", BERLIN);
        List<LineSpec> specs = List.of(
                new LineSpec(LineId.of(text), Sku.of(text), 1, usd(1999), null),
                new LineSpec(LineId.of("line-2"), Sku.of("SKU-" + text), 2, usd(500), usd(200)));
        return snapshot(id, idempotencyKey, text, new Channel(ChannelType.MARKETPLACE, text), CustomerId.of(text), a,
                a, specs);
    }

    private static OrderSnapshot placedOrder(OrderId id, String idempotencyKey, String externalId, String street) {
        Address shipTo = new Address("Recipient", street, null, "Berlin", null, "10115", "DE", BERLIN);
        List<LineSpec> specs = List.of(
                new LineSpec(LineId.of("line-1"), Sku.of("SKU-RED-M"), 2, usd(2500), usd(1000)),
                new LineSpec(LineId.of("line-2"), Sku.of("SKU-BLUE-L"), 1, usd(4999), null));
        return snapshot(id, idempotencyKey, externalId, Channel.of(ChannelType.WEB), CustomerId.of(unique("cust")),
                shipTo, shipTo, specs);
    }

    private static OrderSnapshot snapshot(OrderId id, String idempotencyKey, String externalId, Channel channel,
                                          CustomerId customer, Address shipTo, Address billTo, List<LineSpec> specs) {
        List<OrderLine> lines = new ArrayList<>();
        for (LineSpec s : specs) {
            lines.add(OrderLine.pending(s));
        }
        return new OrderSnapshot(id, 1, OrderStatus.PLACED.name(), OrderStatus.PLACED, channel, externalId,
                idempotencyKey, customer, USD, shipTo, billTo, null, T0, T0.plus(Duration.ofDays(5)), lines,
                List.of(), List.of(), List.of(), List.of(), null, T0);
    }

    /** The {@code order.placed.v1} event of a version-1 snapshot. */
    public static OrderPlaced orderPlaced(OrderSnapshot s) {
        List<LineSpec> specs = new ArrayList<>();
        for (OrderLine l : s.lines()) {
            specs.add(l.spec());
        }
        return new OrderPlaced(EventId.of(s.id().value() + "/1/0"), s.id(), s.version(), s.placedAt(), s.channel(),
                s.externalOrderId(), s.idempotencyKey(), s.customer(), s.currency(), s.shipTo(), s.billTo(),
                s.pickupLocation(), s.promisedBy(), specs);
    }

    /**
     * The snapshot after {@code s}: version + 1, state CONFIRMED, updated {@code tag} seconds after
     * {@code s} (so that contenders for one version differ).
     */
    public static OrderSnapshot nextVersion(OrderSnapshot s, int tag) {
        return new OrderSnapshot(s.id(), s.version() + 1, OrderStatus.CONFIRMED.name(), OrderStatus.CONFIRMED,
                s.channel(), s.externalOrderId(), s.idempotencyKey(), s.customer(), s.currency(), s.shipTo(),
                s.billTo(), s.pickupLocation(), s.placedAt(), s.promisedBy(), s.lines(), s.holds(),
                s.fulfillments(), s.payments(), s.returns(), s.fraud(),
                s.updatedAt().plus(Duration.ofSeconds(1 + Math.max(0, tag))));
    }

    /**
     * {@code s} with three pending payment requests written ahead at its version, every field used: an
     * authorization of 19.99, a capture of 19.99 of authorization {@code auth-1}, and a refund of 5.00 of capture
     * {@code cap-1} for return {@code R1} (a store that drops a target or a return id loses money on a resume).
     */
    public static OrderSnapshot withPaymentRequest(OrderSnapshot s) {
        String key = s.id().value() + ":" + s.version();
        List<PaymentRequest> r = List.of(
                new PaymentRequest(key + ":auth", TransactionType.AUTHORIZATION, Money.ofMinor(1_999, "USD"), null,
                        null, s.updatedAt()),
                new PaymentRequest(key + ":capture", TransactionType.CAPTURE, Money.ofMinor(1_999, "USD"), "auth-1",
                        null, s.updatedAt()),
                new PaymentRequest(key + ":refund", TransactionType.REFUND, Money.ofMinor(500, "USD"), "cap-1",
                        ReturnId.of("R1"), s.updatedAt()));
        return new OrderSnapshot(s.id(), s.version(), s.state(), s.status(), s.channel(), s.externalOrderId(),
                s.idempotencyKey(), s.customer(), s.currency(), s.shipTo(), s.billTo(), s.pickupLocation(),
                s.placedAt(), s.promisedBy(), s.lines(), s.holds(), s.fulfillments(), s.payments(), s.returns(),
                s.fraud(), s.updatedAt(), r);
    }

    /** The {@code payment.requested.v1} event of the last pending payment request of {@code s}. */
    public static OrderEvent paymentRequested(OrderSnapshot s) {
        return new PaymentRequested(EventId.of(s.id().value() + "/" + s.version() + "/p"), s.id(), s.version(),
                s.updatedAt(), s.paymentRequests().get(s.paymentRequests().size() - 1));
    }

    /** An {@code order.confirmed.v1} event of snapshot {@code s}'s version; {@code tag} makes its id unique. */
    public static OrderEvent confirmed(OrderSnapshot s, int tag) {
        return new OrderConfirmed(EventId.of(s.id().value() + "/" + s.version() + "/c" + tag), s.id(), s.version(),
                s.updatedAt());
    }

    /** A one-unit shipment of a new order from Hamburg to Berlin. */
    public static ShipmentRequest shipment() {
        return new ShipmentRequest(newOrderId(), FulfillmentId.of(unique("ful")), HAMBURG,
                Address.at("Berlin", "DE", BERLIN), 1);
    }

    /** A new unique location id. */
    public static LocationId newLocation() {
        return LocationId.of(unique("loc"));
    }

    /** A new unique SKU. */
    public static Sku newSku() {
        return Sku.of(unique("sku"));
    }
}

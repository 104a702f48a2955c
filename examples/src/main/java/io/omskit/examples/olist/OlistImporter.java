package io.omskit.examples.olist;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the Olist Brazilian e-commerce CSV files ({@code olist_orders_dataset.csv} and
 * {@code olist_order_items_dataset.csv}; CC BY-NC-SA 4.0, "Brazilian E-Commerce Public Dataset by Olist") into
 * order-history JSON Lines ({@code formats/order-history.md}), which {@code OrderHistoryImporter} turns into domain
 * events.
 *
 * <p>Not thread-safe; one instance per conversion. The mapping and the quirks of the data met on the way:
 * <ul>
 * <li><b>Naive local timestamps.</b> Every time is {@code YYYY-MM-DD HH:MM:SS} without a zone; they are read as
 * America/Sao_Paulo (which had DST until 2019: a local time in the autumn overlap takes the earlier offset, one in
 * the spring gap is moved forward by the gap, per {@code LocalDateTime.atZone}). Customers in other Brazilian zones
 * are therefore off by up to two hours.</li>
 * <li><b>Promise.</b> {@code order_estimated_delivery_date} is a date (always midnight): promised_by is the end of
 * that local day, 23:59:59 in Sao Paulo.</li>
 * <li><b>Lines.</b> Each item row is a line of quantity 1 (Olist has no quantity column; N units are N rows), SKU =
 * product_id, unit price = price; no cost is known (inventory KPIs stay empty). Channel {@code marketplace},
 * currency BRL.</li>
 * <li><b>Shipments.</b> One shipment per seller of the order, from location = seller_id, shipped at
 * {@code order_delivered_carrier_date}, delivered at {@code order_delivered_customer_date} (Olist gives one time per
 * order, so every seller's parcel gets it). No carrier name, no damage or documentation flags (taken as fine).</li>
 * <li><b>Missing timestamps, by status.</b> No carrier date: no shipment (nothing invented), the order stays open
 * unless cancelled. A carrier date without delivery date (status {@code shipped}, some {@code canceled}, a few
 * {@code delivered}): in transit, open. A delivery date without carrier date: the shipment cannot be dated, so it
 * is left out and counted ({@link Result#deliveredWithoutCarrierDate()}).</li>
 * <li><b>Carrier hand-off before approval</b> (and delivery before hand-off): kept as they are; the calculators do
 * not assume monotonic timestamps (a negative duration would be excluded and counted).</li>
 * <li><b>Cancellations.</b> Status {@code unavailable} or {@code canceled} with no carrier date: every line cancelled
 * by the merchant ({@code unavailable}: reason {@code out_of_stock}; {@code canceled}: {@code canceled_unspecified},
 * Olist does not say who or why), both unmet demand. Olist records no cancellation time: the last known time of
 * the order (approval, else purchase) is used, a lower bound and the one approximation of this importer.</li>
 * <li><b>Orders without items</b> (unavailable / canceled): an order with no lines has no net demand; it counts in
 * the intake KPIs (placed) only.</li>
 * <li>Olist has no returns, backorders or inventory snapshots.</li>
 * </ul>
 */
public final class OlistImporter {
    /** The zone the naive timestamps are read in. */
    public static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /**
     * The conversion: one JSON line per order, and counts of the quirks met. An immutable value; thread-safe.
     *
     * @param jsonLines order-history records, in the order of the orders file
     * @param ordersWithoutItems orders with no item row
     * @param deliveredWithoutCarrierDate orders with a delivery date but no carrier date (shipment left out)
     * @param carrierBeforeApproval orders handed to the carrier before approval
     * @param cancelled orders converted to cancellations
     * @param badRows rows skipped (unparsable time or number), with their line in the CSV
     */
    public record Result(List<String> jsonLines, int ordersWithoutItems, int deliveredWithoutCarrierDate,
            int carrierBeforeApproval, int cancelled, List<String> badRows) {
        public Result {
            jsonLines = List.copyOf(jsonLines);
            badRows = List.copyOf(badRows);
        }
    }

    private record Item(String lineId, String productId, String sellerId, BigDecimal price) {
    }

    private OlistImporter() {
    }

    /** Converts the two files of an Olist folder. */
    public static Result convert(Path folder) {
        try (Reader orders = Files.newBufferedReader(folder.resolve("olist_orders_dataset.csv"), StandardCharsets.UTF_8);
                Reader items = Files.newBufferedReader(folder.resolve("olist_order_items_dataset.csv"),
                        StandardCharsets.UTF_8)) {
            return convert(orders, items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts an orders CSV and an items CSV (with their header rows). */
    public static Result convert(Reader ordersCsv, Reader itemsCsv) throws IOException {
        List<String> bad = new ArrayList<>();
        Map<String, List<Item>> items = new HashMap<>();
        Csv itemReader = new Csv(itemsCsv);
        Map<String, Integer> ih = header(itemReader.next());
        List<String> row;
        int line = 1;
        while ((row = itemReader.next()) != null) {
            line++;
            if (row.size() < ih.size()) {
                bad.add("items line " + line + ": " + row.size() + " fields");
                continue;
            }
            String orderId = row.get(ih.get("order_id"));
            try {
                items.computeIfAbsent(orderId, k -> new ArrayList<>()).add(new Item(
                        orderId + "-" + row.get(ih.get("order_item_id")), row.get(ih.get("product_id")),
                        row.get(ih.get("seller_id")), new BigDecimal(row.get(ih.get("price")))));
            } catch (NumberFormatException e) {
                bad.add("items line " + line + ": price " + row.get(ih.get("price")));
            }
        }
        Csv orderReader = new Csv(ordersCsv);
        Map<String, Integer> oh = header(orderReader.next());
        List<String> out = new ArrayList<>();
        int withoutItems = 0;
        int deliveredNoCarrier = 0;
        int carrierBeforeApproval = 0;
        int cancelled = 0;
        line = 1;
        while ((row = orderReader.next()) != null) {
            line++;
            if (row.size() < oh.size()) {
                bad.add("orders line " + line + ": " + row.size() + " fields");
                continue;
            }
            try {
                String id = row.get(oh.get("order_id"));
                String status = row.get(oh.get("order_status"));
                OffsetDateTime purchased = time(row.get(oh.get("order_purchase_timestamp")));
                OffsetDateTime approved = optionalTime(row.get(oh.get("order_approved_at")));
                OffsetDateTime carrier = optionalTime(row.get(oh.get("order_delivered_carrier_date")));
                OffsetDateTime delivered = optionalTime(row.get(oh.get("order_delivered_customer_date")));
                String estimated = row.get(oh.get("order_estimated_delivery_date"));
                String promised = estimated.isBlank() ? null : LocalDate.parse(estimated.substring(0, 10))
                        .plusDays(1).atStartOfDay(ZONE).minusSeconds(1).toOffsetDateTime().toString();
                List<Item> its = items.getOrDefault(id, List.of());
                if (its.isEmpty()) {
                    withoutItems++;
                }
                if (carrier != null && approved != null && carrier.isBefore(approved)) {
                    carrierBeforeApproval++;
                }
                StringBuilder sb = new StringBuilder();
                sb.append("{\"order_id\":\"").append(id).append("\",\"channel\":\"marketplace\",\"placed_at\":\"")
                        .append(purchased).append("\",\"promised_by\":")
                        .append(promised == null ? "null" : "\"" + promised + "\"")
                        .append(",\"currency\":\"BRL\",\"lines\":[");
                for (int i = 0; i < its.size(); i++) {
                    Item it = its.get(i);
                    sb.append(i == 0 ? "" : ",").append("{\"line_id\":\"").append(it.lineId()).append("\",\"sku\":\"")
                            .append(it.productId()).append("\",\"qty_ordered\":1,\"unit_price\":")
                            .append(it.price().toPlainString()).append('}');
                }
                sb.append("],\"cancellations\":[");
                boolean cancel = carrier == null && !its.isEmpty()
                        && ("unavailable".equals(status) || "canceled".equals(status));
                if (cancel) {
                    cancelled++;
                    OffsetDateTime at = approved != null ? approved : purchased;
                    String reason = "unavailable".equals(status) ? "out_of_stock" : "canceled_unspecified";
                    for (int i = 0; i < its.size(); i++) {
                        sb.append(i == 0 ? "" : ",").append("{\"cancelled_at\":\"").append(at).append("\",\"line_id\":\"")
                                .append(its.get(i).lineId()).append("\",\"qty\":1,\"initiator\":\"merchant\",\"reason\":\"")
                                .append(reason).append("\"}");
                    }
                }
                sb.append("],\"shipments\":[");
                if (carrier == null && delivered != null) {
                    deliveredNoCarrier++;
                } else if (carrier != null && !its.isEmpty()) {
                    Map<String, List<Item>> bySeller = new TreeMap<>();
                    for (Item it : its) {
                        bySeller.computeIfAbsent(it.sellerId(), k -> new ArrayList<>()).add(it);
                    }
                    int s = 0;
                    for (Map.Entry<String, List<Item>> e : bySeller.entrySet()) {
                        sb.append(s == 0 ? "" : ",").append("{\"shipment_id\":\"").append(id).append("-S").append(++s)
                                .append("\",\"location\":\"").append(e.getKey()).append("\",\"shipped_at\":\"")
                                .append(carrier).append("\",\"delivered_at\":")
                                .append(delivered == null ? "null" : "\"" + delivered + "\"")
                                .append(",\"damaged\":false,\"documentation_ok\":true,\"lines\":[");
                        for (int i = 0; i < e.getValue().size(); i++) {
                            Item it = e.getValue().get(i);
                            sb.append(i == 0 ? "" : ",").append("{\"line_id\":\"").append(it.lineId())
                                    .append("\",\"sku\":\"").append(it.productId()).append("\",\"qty\":1}");
                        }
                        sb.append("]}");
                    }
                }
                sb.append("]}");
                out.add(sb.toString());
            } catch (DateTimeParseException e) {
                bad.add("orders line " + line + ": " + e.getMessage());
            }
        }
        return new Result(out, withoutItems, deliveredNoCarrier, carrierBeforeApproval, cancelled, bad);
    }

    private static Map<String, Integer> header(List<String> row) throws IOException {
        if (row == null) {
            throw new IOException("empty CSV: no header row");
        }
        Map<String, Integer> h = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            h.put(row.get(i).strip(), i);
        }
        return h;
    }

    private static OffsetDateTime time(String naive) {
        return LocalDateTime.parse(naive, NAIVE).atZone(ZONE).toOffsetDateTime();
    }

    private static OffsetDateTime optionalTime(String naive) {
        return naive == null || naive.isBlank() ? null : time(naive);
    }
}

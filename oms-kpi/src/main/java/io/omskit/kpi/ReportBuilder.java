package io.omskit.kpi;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Evaluates each order's state (closure, in full, fill, ...) and adds its contributions to daily buckets per group
 * over a range of local days; a window's counters are the sum of its days' buckets. The formulas are documented
 * on {@link KpiAccumulator}. Not thread-safe; one per report.
 */
final class ReportBuilder {
    private static final long NONE = OrderState.NONE;
    private static final String OVERALL = "o";

    private final KpiOptions options;
    private final Dictionaries codes;
    private final long asOf;
    private final ZoneId zone;
    private final int days;
    private final long[] dayStart;
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final List<String> groupNames = new ArrayList<>();
    private final List<Counters[]> cells = new ArrayList<>();
    private final Map<String, long[]> openByChannel = new TreeMap<>();
    private long open;
    private long pastDue;
    private long withoutPlaced;
    private long capped;
    private int[] scratchGroups = new int[8];
    private final Map<String, Integer> channelGroups = new java.util.IdentityHashMap<>();
    private final Map<String, Integer> locationGroups = new java.util.IdentityHashMap<>();
    private final Map<String, Integer> carrierGroups = new java.util.IdentityHashMap<>();
    private long[] shippedAny = new long[4];
    private long[] correctShipped = new long[4];
    private long[] wrongShipped = new long[4];
    private long[] deliveredAny = new long[4];
    private long[] correctDelivered = new long[4];
    private long[] returned = new long[4];
    private long[] deliveryAt = new long[4];
    private long[] deliveryUnits = new long[4];

    /** Buckets per local day; with {@code daily} false, one bucket for the whole range. */
    private final boolean daily;

    ReportBuilder(KpiOptions options, Dictionaries codes, long asOf, ZoneId zone, LocalDate first, int days,
            boolean daily) {
        this.options = options;
        this.codes = codes;
        this.asOf = asOf;
        this.zone = zone;
        this.days = days;
        this.daily = daily;
        this.dayStart = new long[days + 1];
        for (int k = 0; k <= days; k++) {
            dayStart[k] = first.plusDays(k).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        group(OVERALL);
    }

    /** The index of the local day of {@code ms} in the range, or -1. */
    int day(long ms) {
        if (ms == NONE || ms < dayStart[0] || ms >= dayStart[days]) {
            return -1;
        }
        if (!daily) {
            return 0;
        }
        int i = Arrays.binarySearch(dayStart, ms);
        return i >= 0 ? i : -i - 2;
    }

    private int group(String key) {
        Integer i = groupIndex.get(key);
        if (i != null) {
            return i;
        }
        int n = groupNames.size();
        groupIndex.put(key, n);
        groupNames.add(key);
        cells.add(new Counters[daily ? days : 1]);
        return n;
    }

    private Counters cell(int group, int day) {
        Counters[] row = cells.get(group);
        Counters c = row[day];
        if (c == null) {
            c = new Counters(options.exactPercentileLimit());
            row[day] = c;
        }
        return c;
    }

    private int addGroup(int count, Map<String, Integer> cache, String prefix, String name) {
        Integer cached = cache.get(name);
        if (cached == null) {
            cached = group(prefix + name);
            cache.put(name, cached);
        }
        return addGroup(count, cached);
    }

    private int addGroup(int count, int g) {
        for (int i = 0; i < count; i++) {
            if (scratchGroups[i] == g) {
                return count;
            }
        }
        if (count == scratchGroups.length) {
            scratchGroups = Arrays.copyOf(scratchGroups, count * 2);
        }
        scratchGroups[count] = g;
        return count + 1;
    }

    /** Whether every unit that left with {@code f} belongs to an exchange replacement line. */
    private static boolean onlyExchange(OrderState s, Fulfillment f) {
        int parts = f.parts();
        for (int p = 0; p < parts; p++) {
            if (s.get(f.partLine(p), OrderState.EXCHANGE) == 0) {
                return false;
            }
        }
        return parts > 0;
    }

    void addOrder(OrderState s) {
        if (!s.placed) {
            withoutPlaced++;
            return;
        }
        int n = s.lineCount();
        if (shippedAny.length < n) {
            int len = Math.max(n, shippedAny.length * 2);
            shippedAny = new long[len];
            correctShipped = new long[len];
            wrongShipped = new long[len];
            deliveredAny = new long[len];
            correctDelivered = new long[len];
            returned = new long[len];
        }
        Arrays.fill(shippedAny, 0, n, 0L);
        Arrays.fill(correctShipped, 0, n, 0L);
        Arrays.fill(wrongShipped, 0, n, 0L);
        Arrays.fill(deliveredAny, 0, n, 0L);
        Arrays.fill(correctDelivered, 0, n, 0L);
        Arrays.fill(returned, 0, n, 0L);
        int fulfillmentCount = 0;
        for (Fulfillment f = s.fulfillments; f != null; f = f.next) {
            fulfillmentCount++;
        }
        if (deliveryAt.length < fulfillmentCount) {
            deliveryAt = new long[Math.max(fulfillmentCount, deliveryAt.length * 2)];
            deliveryUnits = new long[deliveryAt.length];
        }
        boolean anyEffective = false;
        boolean allSettled = true;
        boolean anyDelivered = false;
        boolean damaged = false;
        boolean docsOk = true;
        long lastDelivered = NONE;
        long lastShipped = NONE;
        long lastLost = NONE;
        long deliveredUnits = 0;
        int gCount = addGroup(0, 0);
        String channel = codes.channels.value(s.channel);
        gCount = addGroup(gCount, channelGroups, "c:", channel);
        int deliveredShipments = 0;
        for (Fulfillment f = s.fulfillments; f != null; f = f.next) {
            if (!f.effective() || onlyExchange(s, f)) {
                continue; // a replacement shipment of an exchange is left out of every KPI, its times included
            }
            anyEffective = true;
            boolean delivered = f.delivered();
            int parts = f.parts();
            long units = 0;
            for (int p = 0; p < parts; p++) {
                int line = f.partLine(p);
                int q = f.partQuantity(p);
                if (s.get(line, OrderState.EXCHANGE) != 0) {
                    continue;
                }
                int sku = f.partSku(p);
                boolean ok = sku == 0 || sku == s.sku(line);
                shippedAny[line] += q;
                if (ok) {
                    correctShipped[line] += q;
                } else {
                    wrongShipped[line] += q;
                }
                if (delivered) {
                    deliveredAny[line] += q;
                    if (ok) {
                        correctDelivered[line] += q;
                    }
                    units += q;
                }
            }
            long shippedAt = f.effectiveShippedAt();
            if (shippedAt != NONE) {
                lastShipped = Math.max(lastShipped, shippedAt);
            }
            if (delivered) {
                anyDelivered = true;
                lastDelivered = Math.max(lastDelivered, f.deliveredAt);
                damaged |= f.damaged;
                deliveredUnits += units;
                deliveryAt[deliveredShipments] = f.deliveredAt;
                deliveryUnits[deliveredShipments++] = units;
            } else if (f.lostAt != NONE) {
                lastLost = Math.max(lastLost, f.lostAt);
            } else {
                allSettled = false;
            }
            docsOk &= !f.documentationNotOk;
            if (f.location != 0) {
                gCount = addGroup(gCount, locationGroups, "l:", codes.places.value(f.location));
            }
            if (f.carrier != 0) {
                gCount = addGroup(gCount, carrierGroups, "k:", codes.places.value(f.carrier));
            }
        }
        int returnCount = s.returnCount();
        for (int r = 0; r < returnCount; r++) {
            returned[s.returnLine(r)] += s.returnQuantity(r);
        }

        String orderCancelReason = s.orderCancelReason();
        boolean reasonlessWithdraws = orderCancelReason != null
                && options.withdrawReasons().contains(orderCancelReason);
        long netTotal = 0;
        long orderedTotal = 0;
        long cancelledTotal = 0;
        long backorderedUnits = 0;
        boolean anyBackorder = false;
        boolean linesTerminal = true;
        boolean inFull = true;
        boolean accurate = true;
        boolean allFirstTime = true;
        boolean allFilled = true;
        boolean allCancelled = false;
        boolean anyLine = false;
        long ftSum = 0;
        long filledSum = 0;
        long netSum = 0;
        long linesWithNet = 0;
        long linesFirstTime = 0;
        long linesFilled = 0;
        long returnedCapped = 0;
        for (int i = 0; i < n; i++) {
            if (s.get(i, OrderState.EXCHANGE) != 0) {
                continue;
            }
            int ordered = s.get(i, OrderState.ORDERED);
            int bo = s.get(i, OrderState.BACKORDERED);
            int cw = s.get(i, OrderState.CANCEL_WITHDRAW);
            int cu = s.get(i, OrderState.CANCEL_UNMET);
            int cn = s.get(i, OrderState.CANCEL_NO_REASON);
            long cancelled = (long) cw + cu + cn; // long: per-line counts are ints, their sums need not be
            long withdrawable = cw + (reasonlessWithdraws ? (long) cn : 0L);
            long withdrawn = bo > 0 ? 0 : Math.min(withdrawable, ordered);
            long net = ordered - withdrawn;
            if (!anyLine) {
                anyLine = true;
                allCancelled = true;
            }
            orderedTotal += ordered;
            cancelledTotal += Math.min(cancelled, ordered);
            backorderedUnits += Math.min(bo, ordered);
            anyBackorder |= bo > 0;
            allCancelled &= cancelled >= ordered;
            linesTerminal &= shippedAny[i] + cancelled >= ordered;
            inFull &= correctDelivered[i] == net && wrongShipped[i] == 0;
            accurate &= wrongShipped[i] == 0 && correctShipped[i] <= net;
            if (net > 0) {
                long filled = Math.min(correctDelivered[i], net);
                long b = Math.min(bo, net);
                long ft = Math.min(filled, net - b);
                ftSum += ft;
                filledSum += filled;
                netSum += net;
                linesWithNet++;
                boolean lineFt = filled == net && b == 0;
                boolean lineFilled = filled == net;
                linesFirstTime += lineFt ? 1 : 0;
                linesFilled += lineFilled ? 1 : 0;
                allFirstTime &= lineFt;
                allFilled &= lineFilled;
            }
            long rc = Math.min(returned[i], deliveredAny[i]);
            capped += returned[i] - rc;
            returnedCapped += rc;
            netTotal += net;
        }
        boolean closed = netTotal > 0 && linesTerminal && allSettled;
        long closedAt = Math.max(Math.max(lastDelivered, s.maxCancelAt()), lastLost);
        boolean onTime = anyDelivered && (s.promisedBy == NONE || lastDelivered <= s.promisedBy);

        int[] groups = scratchGroups;
        int placedDay = day(s.placedAt);
        if (placedDay >= 0) {
            boolean fullyCancelled = !anyEffective && anyLine && allCancelled;
            int by = s.cancelInitiators();
            if ((by & OrderState.CANCEL_BY_UNKNOWN) != 0) {
                by &= ~OrderState.CANCEL_BY_UNKNOWN;
                by |= s.orderCancelInitiator() == io.omskit.spi.model.Initiator.CUSTOMER
                        ? OrderState.CANCEL_BY_CUSTOMER : OrderState.CANCEL_BY_OTHER;
            }
            boolean byCustomer = by == OrderState.CANCEL_BY_CUSTOMER;
            for (int gi = 0; gi < gCount; gi++) {
                int g = groups[gi];
                Counters c = cell(g, placedDay);
                c.placed++;
                c.add(RateKpi.ORDER_CANCELLATION, fullyCancelled);
                c.add(RateKpi.ORDER_CANCELLATION_CUSTOMER, fullyCancelled && byCustomer);
                c.add(RateKpi.ORDER_CANCELLATION_MERCHANT, fullyCancelled && !byCustomer);
                c.add(RateKpi.UNIT_CANCELLATION, cancelledTotal, orderedTotal);
                c.add(RateKpi.BACKORDER_ORDERS, anyBackorder);
                c.add(RateKpi.BACKORDER_UNITS, backorderedUnits, orderedTotal);
                c.add(RateKpi.RETURN_UNITS_PLACED_COHORT, returnedCapped, deliveredUnits);
            }
        }
        if (closed) {
            int closedDay = day(closedAt);
            if (closedDay >= 0) {
                boolean perfect = inFull && onTime && !damaged && docsOk;
                for (int gi = 0; gi < gCount; gi++) {
                int g = groups[gi];
                    Counters c = cell(g, closedDay);
                    c.closed++;
                    c.add(RateKpi.PERFECT_ORDER, perfect);
                    c.add(RateKpi.IN_FULL, inFull);
                    c.add(RateKpi.OTIF, inFull && onTime);
                    c.add(RateKpi.ORDER_FILL, allFirstTime);
                    c.add(RateKpi.ORDER_FILL_EVENTUAL, allFilled);
                    c.add(RateKpi.UNIT_FILL, ftSum, netSum);
                    c.add(RateKpi.UNIT_FILL_EVENTUAL, filledSum, netSum);
                    c.add(RateKpi.LINE_FILL, linesFirstTime, linesWithNet);
                    c.add(RateKpi.LINE_FILL_EVENTUAL, linesFilled, linesWithNet);
                    if (anyDelivered) {
                        c.closedDelivered++;
                        c.add(RateKpi.ON_TIME_DELIVERY, onTime);
                        c.add(RateKpi.DAMAGE_FREE, !damaged);
                        c.add(RateKpi.DOCUMENTATION_ACCURACY, docsOk);
                        c.add(RateKpi.ORDER_ACCURACY, accurate);
                        c.cycle.add(Math.floorDiv(lastDelivered - s.placedAt, 1000));
                        if (lastShipped != NONE) {
                            c.toShip.add(Math.floorDiv(lastShipped - s.placedAt, 1000));
                        }
                        c.add(RateKpi.RETURN_UNITS, returnedCapped, deliveredUnits);
                        c.add(RateKpi.RETURN_ORDERS, returnedCapped > 0);
                    }
                }
            }
        } else if (netTotal > 0) {
            boolean late = s.promisedBy != NONE && s.promisedBy < asOf;
            open++;
            pastDue += late ? 1 : 0;
            long[] ch = openByChannel.computeIfAbsent(channel, k -> new long[2]);
            ch[0]++;
            ch[1] += late ? 1 : 0;
        }
        for (int k = 0; k < deliveredShipments; k++) {
            int d = day(deliveryAt[k]);
            if (d >= 0) {
                for (int gi = 0; gi < gCount; gi++) {
                int g = groups[gi];
                    cell(g, d).add(RateKpi.RETURN_UNITS_EVENT_PERIOD, 0, deliveryUnits[k]);
                }
            }
        }
        for (int r = 0; r < returnCount; r++) {
            int d = day(s.returnAt(r));
            if (d >= 0 && s.get(s.returnLine(r), OrderState.EXCHANGE) == 0) {
                for (int gi = 0; gi < gCount; gi++) {
                int g = groups[gi];
                    cell(g, d).add(RateKpi.RETURN_UNITS_EVENT_PERIOD, s.returnQuantity(r), 0);
                }
            }
        }
    }

    KpiReport report(KpiWindow window, Instant asOfInstant, int fromDay, int toDay, SnapshotStore snapshots,
            Iterable<OrderState> orders, long ignoredAfterAsOf) {
        KpiGroup overall = null;
        Map<String, KpiGroup> byChannel = new HashMap<>();
        Map<String, KpiGroup> byLocation = new HashMap<>();
        Map<String, KpiGroup> byCarrier = new HashMap<>();
        for (int g = 0; g < groupNames.size(); g++) {
            Counters sum = new Counters(options.exactPercentileLimit());
            boolean any = false;
            Counters[] row = cells.get(g);
            for (int d = fromDay; d < toDay; d++) {
                if (row[d] != null) {
                    sum.merge(row[d]);
                    any = true;
                }
            }
            String key = groupNames.get(g);
            if (key.equals(OVERALL)) {
                overall = sum.toGroup();
            } else if (any) {
                String name = key.substring(2);
                switch (key.charAt(0)) {
                    case 'c':
                        byChannel.put(name, sum.toGroup());
                        break;
                    case 'l':
                        byLocation.put(name, sum.toGroup());
                        break;
                    default:
                        byCarrier.put(name, sum.toGroup());
                        break;
                }
            }
        }
        Map<String, OpenOrders> openChannels = new HashMap<>();
        openByChannel.forEach((k, v) -> openChannels.put(k, new OpenOrders(v[0], v[1])));
        InventoryReport inventory = inventory(window, snapshots, orders);
        return new KpiReport(window, asOfInstant, overall, byChannel, byLocation, byCarrier,
                new OpenOrders(open, pastDue), openChannels, inventory,
                new DataQuality(ignoredAfterAsOf, withoutPlaced, capped));
    }

    private InventoryReport inventory(KpiWindow window, SnapshotStore store, Iterable<OrderState> orders) {
        long start = window.startInstant().toEpochMilli();
        long end = window.endInstant().toEpochMilli();
        int d = window.days();
        Currency currency = store.currency;
        Map<String, long[]> shipped = new TreeMap<>();
        long excluded = 0;
        for (OrderState s : orders) {
            Currency orderCurrency = codes.currencies.value(s.currency);
            for (Fulfillment f = s.fulfillments; f != null; f = f.next) {
                if (!f.effective() || f.location == 0) {
                    continue;
                }
                String location = codes.places.value(f.location);
                long at = f.effectiveShippedAt();
                if (at == NONE || at < start || at >= end) {
                    continue;
                }
                boolean stocked = store.stocked(location);
                LocalDate date = null;
                int parts = f.parts();
                long cost = 0;
                long units = 0;
                for (int p = 0; p < parts; p++) {
                    int line = f.partLine(p);
                    if (s.get(line, OrderState.EXCHANGE) != 0) {
                        continue;
                    }
                    int q = f.partQuantity(p);
                    int skuCode = f.partSku(p);
                    long unitCost = OrderState.NONE;
                    if (skuCode == 0 || skuCode == s.sku(line)) {
                        unitCost = s.unitCost(line);
                    }
                    if (unitCost == OrderState.NONE && skuCode != 0) {
                        if (date == null) {
                            date = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
                        }
                        unitCost = store.cost(location, codes.skus.value(skuCode), date);
                    }
                    if (unitCost == OrderState.NONE) {
                        unitCost = s.unitCost(line);
                    }
                    if (unitCost != OrderState.NONE) {
                        cost = Math.addExact(cost, Math.multiplyExact(unitCost, (long) q));
                    }
                    units += q;
                }
                if (orderCurrency != null && units > 0) {
                    // only costs summed here need one currency: the order KPIs do not depend on it
                    if (currency == null) {
                        currency = orderCurrency;
                    } else if (!currency.equals(orderCurrency)) {
                        throw new OmsValidationException(OmsErrorCode.CURRENCY_MISMATCH, "order " + s.orderId()
                                + " shipped in the window in " + orderCurrency + ", other orders or the inventory are in "
                                + currency + "; inventory KPIs need one currency");
                    }
                }
                if (stocked) {
                    long[] acc = shipped.computeIfAbsent(location, x -> new long[2]);
                    acc[0] = Math.addExact(acc[0], cost);
                    acc[1] += units;
                } else {
                    excluded = Math.addExact(excluded, cost);
                }
            }
        }
        if (currency == null) {
            currency = Currency.getInstance("XXX");
        }
        List<LocationId> stockedLocations = new ArrayList<>();
        Map<String, InventoryKpis> byLocation = new HashMap<>();
        long[] total = new long[6];
        for (String location : new TreeMap<>(store.byLocation).keySet()) {
            stockedLocations.add(LocationId.of(location));
            long[][] levels = store.levels(location, window.start(), d);
            long sumValue = 0;
            long sumUnits = 0;
            for (int k = 1; k <= d; k++) {
                sumValue = Math.addExact(sumValue, levels[0][k]);
                sumUnits += levels[1][k];
            }
            long[] sh = shipped.getOrDefault(location, new long[2]);
            long[] row = {sh[0], sh[1], sumValue, sumUnits, levels[0][0], levels[0][d]};
            for (int i = 0; i < row.length; i++) {
                total[i] = Math.addExact(total[i], row[i]);
            }
            byLocation.put(location, kpis(row, d, currency));
        }
        return new InventoryReport(stockedLocations, d, new Money(excluded, currency), kpis(total, d, currency),
                byLocation);
    }

    /** row = {cogs, units shipped, sum of daily values, sum of daily units, opening value, closing value}. */
    private static InventoryKpis kpis(long[] row, int days, Currency currency) {
        long cogs = row[0];
        long units = row[1];
        long sumValue = row[2];
        long sumUnits = row[3];
        long opening = row[4];
        long closing = row[5];
        double scale = Math.pow(10, Math.max(0, currency.getDefaultFractionDigits()));
        OptionalDouble turnover = sumValue == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) cogs * days / sumValue);
        OptionalDouble simple = opening + closing == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(2.0 * cogs / (opening + closing));
        OptionalDouble annualized = turnover.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(turnover.getAsDouble() * 365 / days);
        OptionalDouble daysOfInventory = cogs == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) sumValue / cogs);
        OptionalDouble unitTurnover = sumUnits == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((double) units * days / sumUnits);
        return new InventoryKpis(new Money(cogs, currency), units, sumValue / scale / days, (double) sumUnits / days,
                new Money(opening, currency), new Money(closing, currency), (opening + closing) / 2.0 / scale,
                turnover, simple, annualized, daysOfInventory, unitTurnover);
    }
}

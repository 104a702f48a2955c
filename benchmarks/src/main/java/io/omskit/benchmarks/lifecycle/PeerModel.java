package io.omskit.benchmarks.lifecycle;

import java.util.SplittableRandom;

/**
 * The order lifecycle as the state-machine peers model it: the same stages and events as omskit's happy
 * path, and an extended-state object with the checks omskit makes (amount authorized covers the total,
 * fraud accepted, allocated quantities equal the open quantities per line, no hold before release, picked
 * quantities within released, payment captured at shipment).
 *
 * <p>Benchmark support; not thread-safe (each order's {@link PeerOrder} belongs to one thread).
 */
final class PeerModel {
    private PeerModel() {
    }

    /** Order stages: PLACED is the initial state (the order exists), then one per event. */
    enum Stage { PLACED, AUTHORIZED, CONFIRMED, ALLOCATED, RELEASED, PICKED, PACKED, SHIPPED, DELIVERED }

    /** The eight events of the lifecycle after capture. */
    enum Step { AUTHORIZE, FRAUD_ACCEPT, ALLOCATE, RELEASE, PICK, PACK, SHIP, DELIVER }

    static final Step[] STEPS = Step.values();

    /** Source and target stage of each step, in lifecycle order. */
    static Stage from(Step step) {
        return Stage.values()[step.ordinal()];
    }

    static Stage to(Step step) {
        return Stage.values()[step.ordinal() + 1];
    }

    /**
     * The inputs of one order, prepared once: line quantities and prices, the authorized amount, the fraud
     * score and the allocation plan (the same numbers the omskit commands carry).
     */
    record OrderInput(String orderId, int[] quantities, long[] unitPrices, long authorizedAmount, int fraudScore,
                      int[] planned) {
        long total() {
            long t = 0;
            for (int i = 0; i < quantities.length; i++) {
                t += quantities[i] * unitPrices[i];
            }
            return t;
        }
    }

    /** Bucket indexes of {@link PeerOrder#buckets}. */
    static final int PENDING = 0;
    static final int ALLOCATED = 1;
    static final int RELEASED = 2;
    static final int PICKED = 3;
    static final int PACKED = 4;
    static final int SHIPPED = 5;
    static final int DELIVERED = 6;
    static final int BUCKETS = 7;

    /**
     * The extended state of one order in a peer machine: per line a vector of bucket counts, the
     * authorized and captured amounts, a hold flag and a version. Guards are the {@code can...} methods,
     * actions the others. Mutable: that is how these libraries are used.
     */
    static final class PeerOrder {
        final OrderInput in;
        final int[][] buckets;
        final long total;
        long authorized;
        long captured;
        boolean onHold;
        int version = 1;

        PeerOrder(OrderInput in) {
            this.in = in;
            this.buckets = new int[in.quantities().length][BUCKETS];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i][PENDING] = in.quantities()[i];
            }
            this.total = in.total();
        }

        boolean guard(Step step) {
            switch (step) {
                case AUTHORIZE:
                    return authorized == 0 && in.authorizedAmount() >= total;
                case FRAUD_ACCEPT:
                    return authorized >= total && in.fraudScore() < 50;
                case ALLOCATE:
                    for (int i = 0; i < buckets.length; i++) {
                        if (in.planned()[i] <= 0 || in.planned()[i] != buckets[i][PENDING]) {
                            return false;
                        }
                    }
                    return true;
                case RELEASE:
                    return !onHold && units(ALLOCATED) > 0;
                case PICK:
                    return units(RELEASED) > 0;
                case PACK:
                    return units(PICKED) > 0;
                case SHIP:
                    return units(PACKED) > 0 && authorized >= total;
                case DELIVER:
                    return units(SHIPPED) > 0;
                default:
                    return false;
            }
        }

        void act(Step step) {
            switch (step) {
                case AUTHORIZE:
                    authorized = in.authorizedAmount();
                    break;
                case FRAUD_ACCEPT:
                    break;
                case ALLOCATE:
                    for (int i = 0; i < buckets.length; i++) {
                        move(i, PENDING, ALLOCATED, in.planned()[i]);
                    }
                    break;
                case RELEASE:
                    moveAll(ALLOCATED, RELEASED);
                    break;
                case PICK:
                    moveAll(RELEASED, PICKED);
                    break;
                case PACK:
                    moveAll(PICKED, PACKED);
                    break;
                case SHIP:
                    moveAll(PACKED, SHIPPED);
                    captured = total;
                    break;
                case DELIVER:
                    moveAll(SHIPPED, DELIVERED);
                    break;
                default:
                    throw new IllegalStateException("step " + step);
            }
            version++;
        }

        int units(int bucket) {
            int n = 0;
            for (int[] line : buckets) {
                n += line[bucket];
            }
            return n;
        }

        private void moveAll(int from, int to) {
            for (int i = 0; i < buckets.length; i++) {
                int q = buckets[i][from];
                if (q > 0) {
                    move(i, from, to, q);
                }
            }
        }

        private void move(int line, int from, int to, int quantity) {
            if (buckets[line][from] < quantity) {
                throw new IllegalStateException("line " + line + " holds " + buckets[line][from] + ", cannot move " + quantity);
            }
            buckets[line][from] -= quantity;
            buckets[line][to] += quantity;
        }

        /** Throws unless every unit was delivered, the payment captured and all eight steps counted. */
        PeerOrder checkDelivered() {
            if (units(DELIVERED) != total(in.quantities()) || captured != total || version != 9) {
                throw new IllegalStateException("order " + in.orderId() + " did not complete: version " + version
                        + ", delivered " + units(DELIVERED));
            }
            return this;
        }

        private static int total(int[] q) {
            int n = 0;
            for (int x : q) {
                n += x;
            }
            return n;
        }
    }

    /**
     * Realistic 3-line orders: SKU popularity Zipf-like (s = 1) over {@code catalog} SKUs, 1 to 3 units a
     * line, prices 2.99 to 149.99; deterministic for a seed.
     */
    static OrderShape[] shapes(int count, int catalog, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] cumulative = new double[catalog];
        double sum = 0;
        for (int i = 0; i < catalog; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        OrderShape[] shapes = new OrderShape[count];
        for (int n = 0; n < count; n++) {
            int[] skus = new int[3];
            int[] quantities = new int[3];
            long[] prices = new long[3];
            for (int l = 0; l < 3; l++) {
                int sku;
                do {
                    double u = random.nextDouble() * sum;
                    int idx = java.util.Arrays.binarySearch(cumulative, u);
                    sku = idx >= 0 ? idx : -idx - 1;
                } while (contains(skus, l, sku));
                skus[l] = sku;
                quantities[l] = 1 + random.nextInt(3);
                prices[l] = 299 + random.nextInt(14_700);
            }
            shapes[n] = new OrderShape(String.format(java.util.Locale.ROOT, "ORD-%06d", n), skus, quantities, prices);
        }
        return shapes;
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** One prepared order: its id, SKU indexes, quantities and unit prices in cents. */
    record OrderShape(String orderId, int[] skus, int[] quantities, long[] unitPrices) {
        long total() {
            long t = 0;
            for (int i = 0; i < quantities.length; i++) {
                t += quantities[i] * unitPrices[i];
            }
            return t;
        }

        OrderInput peerInput() {
            return new OrderInput(orderId, quantities, unitPrices, total(), 12, quantities.clone());
        }
    }
}

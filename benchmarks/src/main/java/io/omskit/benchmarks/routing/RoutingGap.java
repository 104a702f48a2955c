package io.omskit.benchmarks.routing;

import io.omskit.routing.Router;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.List;
import java.util.Locale;

/**
 * Prints, per network size, the quality of min_cost plans: the share proven optimal, the mean and max reported
 * gap to the lower bound, the mean true gap to the ojalgo MIP optimum (where the MIP is run), and how much
 * cheaper min_cost plans are than the priority and distance walks. Numbers, not assertions. A command-line
 * program; stateless.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.omskit.benchmarks.routing.RoutingGap [orders] [mipOrders] [sizes...]}
 */
public final class RoutingGap {
    private RoutingGap() {
    }

    /** Most locations the MIP oracle is given after the provable reduction. */
    static final int MIP_LIMIT = 120;

    /**
     * The request restricted to the locations that can be part of a plan costing at most {@code z} (a plan
     * using j costs at least F_j + U, U the capacity-relaxed cheapest fill over all locations, plus the
     * cheapest other shipment when j cannot ship everything alone), or null when more than {@link #MIP_LIMIT}
     * remain. The optimum of the reduced request is the optimum of the full one whenever it is at most z.
     */
    static RoutingRequest reduce(RoutingRequest r, double z) {
        java.util.List<io.omskit.spi.port.CandidateLocation> holders = new java.util.ArrayList<>();
        for (io.omskit.spi.port.CandidateLocation c : r.locations()) {
            if (!c.enabled() || r.excludedLocations().contains(c.id())) {
                continue;
            }
            for (io.omskit.spi.port.RoutingLine l : r.lines()) {
                if (c.available(l.sku()) > 0) {
                    holders.add(c);
                    break;
                }
            }
        }
        int n = holders.size();
        double[] f = new double[n];
        double[] c = new double[n];
        Integer[] byC = new Integer[n];
        double min1 = Double.POSITIVE_INFINITY;
        double min2 = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            io.omskit.spi.port.CandidateLocation loc = holders.get(i);
            double d = loc.position().distanceKm(r.destination());
            f[i] = loc.shipmentFixedCost() + r.costModel().packageBase() + r.costModel().packagePerKm() * d;
            c[i] = loc.unitCost() + r.costModel().unitPerKm() * d;
            byC[i] = i;
            if (f[i] < min1) {
                min2 = min1;
                min1 = f[i];
            } else if (f[i] < min2) {
                min2 = f[i];
            }
        }
        java.util.Arrays.sort(byC, (a, b) -> Double.compare(c[a], c[b]));
        double u = 0;
        long total = 0;
        for (io.omskit.spi.port.RoutingLine l : r.lines()) {
            int rem = l.quantity();
            total += rem;
            for (int i : byC) {
                if (rem == 0) {
                    break;
                }
                int take = Math.min(Math.min(holders.get(i).available(l.sku()), rem), holders.get(i).capacityUnits());
                u += take * c[i];
                rem -= take;
            }
        }
        java.util.List<io.omskit.spi.port.CandidateLocation> kept = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            io.omskit.spi.port.CandidateLocation loc = holders.get(i);
            boolean alone = loc.capacityUnits() >= total;
            for (io.omskit.spi.port.RoutingLine l : r.lines()) {
                alone &= loc.available(l.sku()) >= l.quantity();
            }
            double lb = f[i] + u + (alone ? 0 : (f[i] == min1 ? min2 : min1));
            if (lb <= z + 1e-9) {
                kept.add(loc);
            }
        }
        if (kept.size() > MIP_LIMIT) {
            return null;
        }
        return new RoutingRequest(r.strategy(), kept, r.lines(), r.destination(), r.excludedLocations(),
                r.pickupLocation(), r.options(), r.costModel());
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int mipCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String[] sizes = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"50x5", "200x5", "1000x10", "5000x20", "zip1000x10"};
        Router router = Router.standard();
        System.out.println("| size | orders | feasible | proven optimal | mean reported gap | max reported gap"
                + " | MIP-checked | mean true gap | max true gap | cheaper than priority (mean) | cheaper than distance (mean) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String size : sizes) {
            List<RoutingRequest> rs = RoutingBenchmark.requests(size, "min_cost", count);
            int feasible = 0;
            int proven = 0;
            double gapSum = 0;
            double gapMax = 0;
            double vsPrio = 0;
            double vsDist = 0;
            int mipChecked = 0;
            double trueSum = 0;
            double trueMax = 0;
            for (int i = 0; i < rs.size(); i++) {
                RoutingRequest r = rs.get(i);
                RoutingPlan plan = router.route(r);
                if (plan.status() == PlanStatus.REJECTED) {
                    continue;
                }
                feasible++;
                if (plan.optimal()) {
                    proven++;
                }
                gapSum += plan.gap();
                gapMax = Math.max(gapMax, plan.gap());
                RoutingPlan prio = router.route(Networks.withStrategy(List.of(r), "priority").get(0));
                RoutingPlan dist = router.route(Networks.withStrategy(List.of(r), "distance").get(0));
                vsPrio += (prio.cost().total() - plan.cost().total()) / prio.cost().total();
                vsDist += (dist.cost().total() - plan.cost().total()) / dist.cost().total();
                if (i < mipCount) {
                    RoutingRequest small = reduce(r, plan.cost().total());
                    double opt = small == null ? Double.NaN : MipRouter.solve(small);
                    if (!Double.isNaN(opt)) {
                        mipChecked++;
                        double g = Math.max(0, (plan.cost().total() - opt) / plan.cost().total());
                        trueSum += g;
                        trueMax = Math.max(trueMax, g);
                    }
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "| %s | %d | %d | %.1f%% | %.4f%% | %.4f%% | %d | %.4f%% | %.4f%% | %.2f%% | %.2f%% |",
                    size, rs.size(), feasible, 100.0 * proven / Math.max(1, feasible),
                    100 * gapSum / Math.max(1, feasible), 100 * gapMax, mipChecked,
                    100 * trueSum / Math.max(1, mipChecked), 100 * trueMax, 100 * vsPrio / Math.max(1, feasible),
                    100 * vsDist / Math.max(1, feasible)));
        }
    }
}

package io.omskit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/** min_cost against two independent oracles: exhaustive enumeration and an ojalgo MIP. */
class MinCostOracleTest {
    private final Router router = Router.standard();

    @Nested
    class BruteForce {
        @Test
        void minCost_smallRandomInstances_equalsEnumeratedOptimum() {
            Random rnd = new Random(20261126L);
            int checked = 0;
            int feasible = 0;
            for (int t = 0; t < 3000; t++) {
                RoutingRequest r = Instances.random(rnd, "min_cost", 1 + rnd.nextInt(5), 1 + rnd.nextInt(3), 3, 4);
                RoutingPlan plan = router.route(r);
                assertThat(Instances.violation(r, plan)).as("instance %d: %s", t, RoutingJson.writeRequest(r)).isNull();
                double[] best = Instances.bruteForce(r);
                if (best == null) {
                    assertThat(plan.status()).as("instance %d", t).isEqualTo(PlanStatus.REJECTED);
                    assertThat(plan.error().code()).isEqualTo(OmsErrorCode.INSUFFICIENT_STOCK);
                } else {
                    feasible++;
                    assertThat(plan.status()).as("instance %d: %s", t, RoutingJson.writeRequest(r))
                            .isNotEqualTo(PlanStatus.REJECTED);
                    assertThat(Math.abs(plan.cost().total() - best[0])).as("instance %d: %s\n%s", t,
                            RoutingJson.writeRequest(r), RoutingJson.write(plan)).isLessThanOrEqualTo(1e-9);
                    assertThat(plan.shipments()).as("fewest shipments among optima, instance %d", t)
                            .isEqualTo((int) best[1]);
                    assertThat(plan.optimal()).isTrue();
                }
                checked++;
            }
            assertThat(checked).isEqualTo(3000);
            assertThat(feasible).isGreaterThan(1000);
        }
    }

    @Nested
    class Mip {
        @Test
        void minCost_mediumRandomInstances_equalsOjalgoMip() {
            Random rnd = new Random(7L);
            int feasible = 0;
            for (int t = 0; t < 30; t++) {
                int nLoc = 15 + rnd.nextInt(16);
                int nSku = 3 + rnd.nextInt(3);
                RoutingRequest r = Instances.random(rnd, "min_cost", nLoc, nSku, 4, 6);
                RoutingPlan plan = router.route(r);
                assertThat(Instances.violation(r, plan)).isNull();
                double mip = solveMip(r);
                if (Double.isNaN(mip)) {
                    assertThat(plan.status()).as("instance %d", t).isEqualTo(PlanStatus.REJECTED);
                    continue;
                }
                feasible++;
                assertThat(plan.optimal()).isTrue();
                assertThat(plan.cost().total()).as("instance %d: %s", t, RoutingJson.writeRequest(r))
                        .isCloseTo(mip, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, mip)));
            }
            assertThat(feasible).isGreaterThan(10);
        }
    }

    /** The MIP: binary open y_i, integer x_is, unfilled u_s (partial only); NaN when infeasible. */
    static double solveMip(RoutingRequest r) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        List<CandidateLocation> locs = new ArrayList<>();
        for (CandidateLocation c : r.locations()) {
            if (Instances.eligible(r, c)) {
                locs.add(c);
            }
        }
        int n = locs.size();
        int m = r.lines().size();
        Variable[] y = new Variable[n];
        Variable[][] x = new Variable[n][m];
        Expression count = model.newExpression("shipments").upper(Math.min(n, r.options().maxShipments()));
        Expression[] dem = new Expression[m];
        for (int s = 0; s < m; s++) {
            dem[s] = model.newExpression("demand" + s).level(r.lines().get(s).quantity());
            if (r.options().allowPartial()) {
                Variable u = model.newVariable("u" + s).lower(0).upper(r.lines().get(s).quantity())
                        .weight(r.costModel().unfilledPenaltyPerUnit());
                dem[s].set(u, 1);
            }
        }
        for (int i = 0; i < n; i++) {
            CandidateLocation c = locs.get(i);
            y[i] = model.newVariable("y" + i).binary().weight(Instances.shipCost(r, c));
            count.set(y[i], 1);
            Expression capE = model.newExpression("cap" + i).upper(0);
            capE.set(y[i], -(double) Math.min(c.capacityUnits(), 1_000_000));
            for (int s = 0; s < m; s++) {
                int a = c.available(r.lines().get(s).sku());
                x[i][s] = model.newVariable("x" + i + "_" + s).integer(true).lower(0).upper(a)
                        .weight(Instances.unitCost(r, c));
                dem[s].set(x[i][s], 1);
                capE.set(x[i][s], 1);
                Expression link = model.newExpression("link" + i + "_" + s).upper(0);
                link.set(x[i][s], 1);
                link.set(y[i], -a);
            }
        }
        Optimisation.Result res = model.minimise();
        if (!res.getState().isFeasible()) {
            return Double.NaN;
        }
        return res.getValue();
    }
}

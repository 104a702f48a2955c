package io.omskit.benchmarks.routing;

import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.List;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The peer: the min_cost model solved as a MIP with ojalgo's ExpressionsBasedModel (binary open y_i, integer
 * units x_is, shipment count, capacity and linking constraints). Only eligible locations holding some available
 * unit of the order's SKUs enter the model. Returns the optimal total cost, NaN when infeasible. Stateless;
 * thread-safe.
 */
public final class MipRouter {
    private MipRouter() {
    }

    public static double solve(RoutingRequest r) {
        List<CandidateLocation> locs = new ArrayList<>();
        for (CandidateLocation c : r.locations()) {
            if (!c.enabled() || r.excludedLocations().contains(c.id())) {
                continue;
            }
            for (RoutingLine l : r.lines()) {
                if (c.available(l.sku()) > 0) {
                    locs.add(c);
                    break;
                }
            }
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        int n = locs.size();
        int m = r.lines().size();
        Expression count = model.newExpression("shipments").upper(Math.min(n, r.options().maxShipments()));
        Expression[] dem = new Expression[m];
        for (int s = 0; s < m; s++) {
            dem[s] = model.newExpression("demand" + s).level(r.lines().get(s).quantity());
        }
        for (int i = 0; i < n; i++) {
            CandidateLocation c = locs.get(i);
            double d = c.position() == null || r.destination() == null ? 0 : c.position().distanceKm(r.destination());
            double f = c.shipmentFixedCost() + r.costModel().packageBase() + r.costModel().packagePerKm() * d;
            double u = c.unitCost() + r.costModel().unitPerKm() * d;
            Variable y = model.newVariable("y" + i).binary().weight(f);
            count.set(y, 1);
            Expression cap = model.newExpression("cap" + i).upper(0);
            cap.set(y, -(double) Math.min(c.capacityUnits(), 1_000_000));
            for (int s = 0; s < m; s++) {
                int a = Math.min(c.available(r.lines().get(s).sku()), r.lines().get(s).quantity());
                if (a == 0) {
                    continue;
                }
                Variable x = model.newVariable("x" + i + "_" + s).integer(true).lower(0).upper(a).weight(u);
                dem[s].set(x, 1);
                cap.set(x, 1);
                Expression link = model.newExpression("link" + i + "_" + s).upper(0);
                link.set(x, 1);
                link.set(y, -a);
            }
        }
        Optimisation.Result res = model.minimise();
        return res.getState().isFeasible() ? res.getValue() : Double.NaN;
    }
}

package io.omskit.routing;

import io.omskit.spi.model.GeoPoint;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.CostModel;
import io.omskit.spi.port.RoutingLine;
import io.omskit.spi.port.RoutingOptions;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builders for routing requests in tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Loc loc(String id) {
        return new Loc(id);
    }

    static RoutingLine line(String sku, int qty) {
        return new RoutingLine(Sku.of(sku), qty);
    }

    /** A mutable location builder. */
    static final class Loc {
        final String id;
        GeoPoint pos;
        int priority;
        boolean enabled = true;
        final Map<Sku, Integer> stock = new LinkedHashMap<>();
        final Map<Sku, Integer> reserved = new LinkedHashMap<>();
        int safety;
        double unitCost;
        double fixed;
        int cap = Integer.MAX_VALUE;

        Loc(String id) {
            this.id = id;
        }

        Loc at(double lat, double lon) {
            pos = new GeoPoint(lat, lon);
            return this;
        }

        Loc prio(int p) {
            priority = p;
            return this;
        }

        Loc disabled() {
            enabled = false;
            return this;
        }

        Loc stock(String sku, int qty) {
            stock.put(Sku.of(sku), qty);
            return this;
        }

        Loc reserved(String sku, int qty) {
            reserved.put(Sku.of(sku), qty);
            return this;
        }

        Loc safety(int s) {
            safety = s;
            return this;
        }

        Loc unit(double c) {
            unitCost = c;
            return this;
        }

        Loc fixed(double f) {
            fixed = f;
            return this;
        }

        Loc cap(int c) {
            cap = c;
            return this;
        }

        CandidateLocation build() {
            return new CandidateLocation(LocationId.of(id), pos, priority, enabled, false, stock, reserved, safety,
                    unitCost, fixed, cap);
        }
    }

    /** A mutable request builder. */
    static final class Req {
        String strategy;
        final List<CandidateLocation> locations = new ArrayList<>();
        final List<RoutingLine> lines = new ArrayList<>();
        GeoPoint dest;
        final Set<LocationId> excluded = new HashSet<>();
        LocationId pickup;
        boolean partial;
        int max = Integer.MAX_VALUE;
        boolean merge;
        CostModel cost = CostModel.ZERO;

        Req(String strategy) {
            this.strategy = strategy;
        }

        Req with(Loc... ls) {
            for (Loc l : ls) {
                locations.add(l.build());
            }
            return this;
        }

        Req line(String sku, int qty) {
            lines.add(Fixtures.line(sku, qty));
            return this;
        }

        Req to(double lat, double lon) {
            dest = new GeoPoint(lat, lon);
            return this;
        }

        Req exclude(String id) {
            excluded.add(LocationId.of(id));
            return this;
        }

        Req pickup(String id) {
            pickup = LocationId.of(id);
            return this;
        }

        Req partial() {
            partial = true;
            return this;
        }

        Req max(int k) {
            max = k;
            return this;
        }

        Req merge() {
            merge = true;
            return this;
        }

        Req cost(double base, double perKm, double unitPerKm, double penalty) {
            cost = new CostModel(base, perKm, unitPerKm, penalty);
            return this;
        }

        RoutingRequest build() {
            return new RoutingRequest(strategy, locations, lines, dest, excluded, pickup,
                    new RoutingOptions(partial, max, merge), cost);
        }
    }

    static Req req(String strategy) {
        return new Req(strategy);
    }

    /** Allocations as "LOC:SKU=qty" strings, sorted. */
    static Map<String, Integer> rows(RoutingPlan plan) {
        Map<String, Integer> out = new TreeMap<>();
        for (Allocation a : plan.allocations()) {
            out.merge(a.location() + ":" + a.sku(), a.quantity(), Integer::sum);
        }
        return out;
    }
}

package io.omskit.routing;

import io.omskit.spi.OmsErrorCode;
import io.omskit.spi.OmsValidationException;
import io.omskit.spi.model.LocationId;
import io.omskit.spi.model.Sku;
import io.omskit.spi.port.Allocation;
import io.omskit.spi.port.CandidateLocation;
import io.omskit.spi.port.FulfillmentRouter;
import io.omskit.spi.port.PlanStatus;
import io.omskit.spi.port.RoutingPlan;
import io.omskit.spi.port.RoutingRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The omskit fulfillment router: one {@link FulfillmentRouter} that dispatches on
 * {@link RoutingRequest#strategy()} to {@code priority}, {@code distance}, {@code fewest_splits},
 * {@code min_cost} or {@code priority_whole_lines} (semantics in {@code formats/routing.md}); an unknown name
 * gives a rejected plan with {@code UNKNOWN_STRATEGY}.
 *
 * <p>Thread-safe: every call works on its own copy of the request's numbers and never mutates the request; the
 * only shared state is a cache of the inverted index of the last location list routed (by identity; a list
 * routed a second time is read through the index, which gives the same plan faster). Results are deterministic
 * (R7.5): the {@code min_cost} search is bounded by a node budget, never by a clock.
 *
 * <p>Decisions the format leaves open, made here: a location without coordinates has distance 0 in the cost
 * model of the walks; {@code min_cost} leaves such locations out ("no coordinates for distance") when the
 * request has a destination and a per-km cost; the {@code distance} walk visits them last. With
 * {@code allow_partial} and a zero unfilled penalty, {@code min_cost}'s optimum is to ship nothing. Location ids
 * are expected to be unique ({@link RoutingJson} refuses duplicates).
 *
 * <p>The runner-up in a {@code min_cost} plan's explanation is the best alternative the optimizer evaluated, not
 * necessarily the second-best plan overall: the cheapest (then fewest shipments, lowest priority sum, ids) of the
 * location sets it costed whose shipping locations differ from the chosen ones, at the exact cost of those
 * locations. Without {@code allow_partial} those sets always include every single location that ships the whole
 * order (so the runner-up never costs more than any of them that is not the chosen plan). When the best single
 * location is proven optimal by a bound of every plan of two or more shipments, before any such plan is costed,
 * the search ends there and the runner-up is the best other single location (none when there is none). When a
 * pair of locations, or the best single location, is proven optimal by costing the pairs that could beat it and a
 * bound of every plan of three or more shipments, the search ends there too: the sets are then the single
 * locations and the pairs costed (those whose lower bound came within reach of the best found), and the runner-up
 * is the best of them other than the chosen set; otherwise the sets also include the pairs costed by that attempt
 * (when it ran on a list of at most 64 locations that could be in such a pair), the cheapest-unit
 * walk's locations (with {@code allow_partial} also the best single location) and the sets the exact search
 * reached before its bounds proved them no better than the best plan found. A NaN cost means that no other set
 * was evaluated (the list is then empty); with
 * {@code allow_partial} the runner-up may be the empty plan (an empty list with the cost of leaving everything
 * unfilled).
 */
public final class Router implements FulfillmentRouter {
    /** The strategy names this router knows. */
    public static final Set<String> STRATEGIES = Set.of("priority", "distance", "fewest_splits", "min_cost",
            "priority_whole_lines");

    /** The default node budget of the {@code min_cost} exact search. */
    public static final long DEFAULT_NODE_BUDGET = 1_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Router STANDARD = new Router(DEFAULT_NODE_BUDGET);

    private final MinCost minCost;
    /** The location list of the previous call (by identity), and its index once the list was seen twice. */
    private final AtomicReference<Object[]> lastNetwork = new AtomicReference<>();

    private Router(long nodeBudget) {
        this.minCost = new MinCost(nodeBudget);
    }

    /** The router with default settings. */
    public static Router standard() {
        return STANDARD;
    }

    /**
     * A router whose {@code min_cost} exact search stops after {@code nodeBudget} nodes (then the plan says
     * {@code optimal=false} and gives the gap to its lower bound).
     *
     * @throws OmsValidationException INVALID_VALUE when the budget is not positive
     */
    public static Router withNodeBudget(long nodeBudget) {
        if (nodeBudget < 1) {
            throw new OmsValidationException(OmsErrorCode.INVALID_VALUE, "node budget must be positive, was "
                    + nodeBudget);
        }
        return new Router(nodeBudget);
    }

    @Override
    public RoutingPlan route(RoutingRequest request) {
        return route(request, Problem.Taken.NONE);
    }

    private RoutingPlan route(RoutingRequest request, Problem.Taken taken) {
        if (request == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "routing request is required");
        }
        String name = request.strategy();
        RoutingPlan plan;
        // the problem lives on the borrowed arrays until the plan (immutable) is made; then they go back
        Scratches scratch = Scratches.take();
        try {
            Problem.Built built = Problem.build(request, taken, STRATEGIES.contains(name), index(request),
                    !"priority".equals(name) && !"priority_whole_lines".equals(name) && !"min_cost".equals(name),
                    "min_cost".equals(name), scratch.build);
            if (built.error != null) {
                plan = Plans.invalid(request, built.error);
            } else {
                Problem p = built.problem;
                switch (name) {
                    case "priority":
                        plan = Walks.priority(p, name);
                        break;
                    case "distance":
                        plan = Walks.distance(p, name);
                        break;
                    case "fewest_splits":
                        plan = Walks.fewestSplits(p, name);
                        break;
                    case "priority_whole_lines":
                        plan = Walks.wholeLines(p, name);
                        break;
                    default:
                        plan = minCost.route(p, name, scratch.search);
                        break;
                }
            }
        } finally {
            Scratches.give(scratch);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("routed: strategy={} status={} shipments={} cost={} optimal={}", name, plan.status(),
                    plan.shipments(), plan.cost().total(), plan.optimal());
        }
        return plan;
    }

    /**
     * The inverted index of the request's location list when the same list instance was routed before (the
     * common case of one network and many orders); null for a list seen for the first time, which is read
     * directly (an index costs a pass over every stock entry).
     */
    private NetworkIndex index(RoutingRequest request) {
        List<CandidateLocation> list = request.locations();
        Object[] last = lastNetwork.get();
        if (last != null && last[0] == list) {
            if (last[1] != null) {
                return (NetworkIndex) last[1];
            }
            NetworkIndex idx = NetworkIndex.of(list);
            lastNetwork.set(new Object[] {list, idx});
            return idx;
        }
        lastNetwork.set(new Object[] {list, null});
        return null;
    }

    /**
     * Routes orders one after another against shared stock: each order sees the stock the earlier orders'
     * plans took (their allocated units are subtracted from the locations' available stock; rejected plans
     * take nothing). The requests themselves are not changed.
     *
     * @return one plan per request, in order
     */
    public List<RoutingPlan> routeBatch(List<RoutingRequest> requests) {
        if (requests == null) {
            throw new OmsValidationException(OmsErrorCode.MISSING_VALUE, "requests are required");
        }
        Ledger ledger = new Ledger();
        List<RoutingPlan> out = new ArrayList<>(requests.size());
        for (RoutingRequest r : requests) {
            RoutingPlan plan = route(r, ledger.isEmpty() ? Problem.Taken.NONE : ledger);
            if (plan.status() != PlanStatus.REJECTED) {
                for (Allocation a : plan.allocations()) {
                    ledger.take(a.location(), a.sku(), a.quantity());
                }
            }
            out.add(plan);
        }
        return out;
    }

    /**
     * Units taken per location and SKU during a batch. Each SKU keeps its takes in order and, for the last indexed
     * location list it was read for, the units taken at each of its holders, updated as units are taken; the maps by
     * location and by SKU (read by requests over a list that is not indexed) are brought up to date from the takes
     * only when read. Not thread-safe; one per batch.
     */
    static final class Ledger implements Problem.Taken {
        /** Per SKU value: its takes and units by holder. */
        private final Map<String, Cells> bySkuValue = new HashMap<>();
        private final Map<LocationId, Map<Sku, int[]>> taken = new HashMap<>();
        /** The same cells as {@link #taken}, by SKU value first, then location id value. */
        private final Map<String, Map<String, int[]>> bySku = new HashMap<>();
        /** The cells read by holder in {@link #byPostingOf}, by {@link NetworkIndex.Posting#id} (no hash probe). */
        private Cells[] byPosting = new Cells[64];
        private NetworkIndex byPostingOf;
        /** Whether a take has not reached {@link #taken} and {@link #bySku} yet. */
        private boolean stale;
        private boolean empty = true;

        /** The takes of one SKU, in order, and the units taken at each of its holders in one list ({@link #of}). */
        private static final class Cells {
            final Sku sku;
            LocationId[] at = new LocationId[4];
            int[] qty = new int[4];
            int size;
            /** How many of the takes are in {@link #taken} and {@link #bySku}. */
            int synced;
            /** Units taken at each holder of the SKU in {@link #of}, parallel to {@link #holders}; null: none yet. */
            int[] byHolder;
            int[] holders;
            /** The list (with unique ids) {@link #byHolder} is for, the last one it was asked for. */
            NetworkIndex of;

            Cells(Sku sku) {
                this.sku = sku;
            }
        }

        boolean isEmpty() {
            return empty;
        }

        void take(LocationId location, Sku sku, int qty) {
            empty = false;
            stale = true;
            Cells c = bySkuValue.get(sku.value());
            if (c == null) {
                c = new Cells(sku);
                bySkuValue.put(sku.value(), c);
            }
            if (c.size == c.at.length) {
                c.at = java.util.Arrays.copyOf(c.at, c.size * 2);
                c.qty = java.util.Arrays.copyOf(c.qty, c.size * 2);
            }
            c.at[c.size] = location;
            c.qty[c.size] = qty;
            c.size++;
            if (c.byHolder != null) {
                add(c, c.of.position(location.value()), qty);
            }
        }

        /** Adds {@code qty} at list position {@code at} when it is a holder of the cells' SKU (saturating). */
        private static void add(Cells c, int at, int qty) {
            if (at < 0) {
                return;
            }
            int q = java.util.Arrays.binarySearch(c.holders, at);
            if (q >= 0) {
                c.byHolder[q] = (int) Math.min(Integer.MAX_VALUE, (long) c.byHolder[q] + qty);
            }
        }

        @Override
        public int[] byHolder(Sku sku, NetworkIndex index, NetworkIndex.Posting p) {
            if (!index.uniqueIds()) {
                return null;
            }
            if (index == byPostingOf && p.id < byPosting.length) {
                Cells c = byPosting[p.id];
                if (c != null && c.of == index) {
                    return c.byHolder;
                }
            }
            Cells c = bySkuValue.get(sku.value());
            if (c == null) {
                c = new Cells(sku);
                bySkuValue.put(sku.value(), c);
            }
            if (index != byPostingOf) {
                byPostingOf = index;
                java.util.Arrays.fill(byPosting, null);
            }
            if (p.id >= byPosting.length) {
                byPosting = java.util.Arrays.copyOf(byPosting, Math.max(p.id + 1, byPosting.length * 2));
            }
            byPosting[p.id] = c;
            if (c.byHolder == null || c.of != index) {
                // (re)made for this list from the SKU's takes in order: the same sums as the cells
                c.of = index;
                c.holders = p.holders;
                c.byHolder = new int[p.holders.length];
                for (int i = 0; i < c.size; i++) {
                    add(c, index.position(c.at[i].value()), c.qty[i]);
                }
            }
            return c.byHolder;
        }

        /** Brings {@link #taken} and {@link #bySku} up to date with every take. */
        private void sync() {
            if (!stale) {
                return;
            }
            stale = false;
            for (Cells c : bySkuValue.values()) {
                for (int i = c.synced; i < c.size; i++) {
                    LocationId location = c.at[i];
                    Map<Sku, int[]> here = taken.computeIfAbsent(location, k -> new HashMap<>());
                    Sku sku = c.sku;
                    int[] cell = here.get(sku);
                    if (cell == null) {
                        cell = new int[1];
                        here.put(sku, cell);
                        bySku.computeIfAbsent(sku.value(), k -> new HashMap<>()).put(location.value(), cell);
                    }
                    cell[0] = (int) Math.min(Integer.MAX_VALUE, (long) cell[0] + c.qty[i]);
                }
                c.synced = c.size;
            }
        }

        @Override
        public Map<Sku, int[]> of(LocationId location) {
            sync();
            return taken.get(location);
        }

        @Override
        public Map<String, int[]> ofSku(Sku sku) {
            sync();
            return bySku.get(sku.value());
        }
    }
}

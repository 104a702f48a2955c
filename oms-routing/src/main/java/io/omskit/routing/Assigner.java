package io.omskit.routing;

/**
 * Assigns units to a fixed, ordered set of open locations: each location in order takes as many units as it
 * can while every earlier location keeps its load (Edmonds' greedy on the polymatroid of location loads). When
 * the cost of a unit depends only on its location this is optimal for any order sorted by unit cost; without a
 * binding capacity it is the per-SKU greedy, otherwise it runs augmenting paths on the small bipartite graph
 * SKU -> location. Reusable scratch space; not thread-safe (one per call or per thread).
 */
final class Assigner {
    private final int m;
    private int[] qty = new int[0];
    private int[] load = new int[0];
    private final int[] rem;
    private int[] queue = new int[0];
    private int[] parent = new int[0];

    Assigner(int m) {
        this.m = m;
        this.rem = new int[m];
    }

    /** The number of SKUs this assigner is sized for. */
    int skus() {
        return m;
    }

    /** Units of SKU s at set member j after {@link #assign}. */
    int qty(int j, int s) {
        return qty[j * m + s];
    }

    /** Total units at set member j. */
    int load(int j) {
        return load[j];
    }

    /** Units of SKU s left unfilled. */
    int unfilled(int s) {
        return rem[s];
    }

    /**
     * Fills {@code demand} from {@code set[0..t)} in order; only the first {@code usable} members take units.
     * Results via {@link #qty}, {@link #load}, {@link #unfilled}.
     */
    void assign(Problem p, int[] set, int t, int usable) {
        int[] avail = p.avail;
        int[] cap = p.cap;
        if (qty.length < t * m) {
            qty = new int[Math.max(t * m, 16)];
        }
        if (load.length < t) {
            load = new int[Math.max(t, 4)];
        }
        java.util.Arrays.fill(qty, 0, t * m, 0);
        java.util.Arrays.fill(load, 0, t, 0);
        System.arraycopy(p.demand, 0, rem, 0, m);
        boolean binding = false;
        for (int j = 0; j < usable; j++) {
            int base = set[j] * m;
            long sum = 0;
            for (int s = 0; s < m; s++) {
                sum += Math.min(avail[base + s], p.demand[s]);
            }
            if (sum > cap[set[j]]) {
                binding = true;
                break;
            }
        }
        if (!binding) {
            for (int j = 0; j < usable; j++) {
                int base = set[j] * m;
                int l = 0;
                for (int s = 0; s < m; s++) {
                    // a take of 0 changes nothing (qty is zeroed above): no branch on it
                    int take = Math.min(avail[base + s], rem[s]);
                    qty[j * m + s] = take;
                    rem[s] -= take;
                    l += take;
                }
                load[j] = l;
            }
            return;
        }
        flow(p, set, usable);
    }

    private void flow(Problem p, int[] set, int t) {
        int nodes = m + t;
        if (queue.length < nodes) {
            queue = new int[nodes];
            parent = new int[nodes];
        }
        int[] avail = p.avail;
        for (int j = 0; j < t; j++) {
            int capJ = p.cap[set[j]];
            while (load[j] < capJ) {
                // BFS from every SKU with remaining demand to location j; nodes 0..m-1 SKUs, m+l locations
                java.util.Arrays.fill(parent, 0, nodes, -2);
                int head = 0;
                int tail = 0;
                for (int s = 0; s < m; s++) {
                    if (rem[s] > 0) {
                        parent[s] = -1;
                        queue[tail++] = s;
                    }
                }
                boolean found = false;
                while (head < tail && !found) {
                    int u = queue[head++];
                    if (u < m) {
                        for (int l = 0; l <= j; l++) {
                            int v = m + l;
                            if (parent[v] == -2 && qty[l * m + u] < avail[set[l] * m + u]) {
                                parent[v] = u;
                                if (l == j) {
                                    found = true;
                                    break;
                                }
                                queue[tail++] = v;
                            }
                        }
                    } else {
                        int l = u - m;
                        for (int s = 0; s < m; s++) {
                            if (parent[s] == -2 && qty[l * m + s] > 0) {
                                parent[s] = u;
                                queue[tail++] = s;
                            }
                        }
                    }
                }
                if (!found) {
                    break;
                }
                // bottleneck
                int delta = capJ - load[j];
                int v = m + j;
                while (true) {
                    int u = parent[v];
                    if (v >= m) {
                        int l = v - m;
                        delta = Math.min(delta, avail[set[l] * m + u] - qty[l * m + u]);
                    } else {
                        if (u == -1) {
                            delta = Math.min(delta, rem[v]);
                            break;
                        }
                        int l = u - m;
                        delta = Math.min(delta, qty[l * m + v]);
                    }
                    v = u;
                }
                v = m + j;
                while (true) {
                    int u = parent[v];
                    if (v >= m) {
                        qty[(v - m) * m + u] += delta;
                    } else {
                        if (u == -1) {
                            rem[v] -= delta;
                            break;
                        }
                        qty[(u - m) * m + v] -= delta;
                    }
                    v = u;
                }
                load[j] += delta;
            }
        }
    }
}

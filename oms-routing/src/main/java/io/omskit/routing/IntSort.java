package io.omskit.routing;

/** Stable sorting of int indices by a primitive comparator (no boxing). Stateless; thread-safe. */
final class IntSort {
    /** Compares two indices. */
    interface Cmp {
        int compare(int a, int b);
    }

    private IntSort() {
    }

    /** Sorts {@code a[0..len)} stably by {@code cmp}. */
    static void sort(int[] a, int len, Cmp cmp) {
        if (len < 2) {
            return;
        }
        if (len <= 24) {
            insertion(a, 0, len, cmp);
            return;
        }
        int[] tmp = new int[len];
        mergeSort(a, tmp, 0, len, cmp);
    }

    private static void insertion(int[] a, int from, int to, Cmp cmp) {
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= from && cmp.compare(a[j], v) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, Cmp cmp) {
        if (to - from <= 24) {
            insertion(a, from, to, cmp);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            if (cmp.compare(tmp[j], tmp[i]) < 0) {
                a[k++] = tmp[j++];
            } else {
                a[k++] = tmp[i++];
            }
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
        while (j < to) {
            a[k++] = tmp[j++];
        }
    }

    /**
     * Sorts {@code a[0..len)} stably by ({@code key[x]} as {@link Double#compare}, then {@code rank[x]}); a null
     * key sorts by rank only, a null rank by key only. The keys are gathered next to the indices so that comparisons read no
     * indirection.
     */
    static void byKey(int[] a, int len, double[] key, int[] rank) {
        if (len < 2) {
            return;
        }
        if (len <= 4) {
            // the same insertion sort, reading the keys through the indices (no arrays for a few elements)
            for (int i = 1; i < len; i++) {
                int va = a[i];
                double vk = key == null ? 0.0 : key[va];
                int vr = rank == null ? 0 : rank[va];
                int j = i - 1;
                while (j >= 0 && less(vk, vr, key == null ? 0.0 : key[a[j]], rank == null ? 0 : rank[a[j]])) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = va;
            }
            return;
        }
        double[] k = new double[len];
        int[] r = new int[len];
        for (int i = 0; i < len; i++) {
            int x = a[i];
            k[i] = key == null ? 0.0 : key[x];
            r[i] = rank == null ? 0 : rank[x];
        }
        if (len <= 24) {
            insertionKey(a, k, r, 0, len);
            return;
        }
        mergeKey(a, k, r, new int[len], new double[len], new int[len], 0, len);
    }

    /**
     * Sorts {@code a[0..len)} stably by {@code key[a[i]]} ascending, by insertion: for short lists, or lists nearly in
     * order already. The keys are compared with {@code >}: finite and never -0.0 against 0.0 where it matters.
     */
    static void insertionByKey(int[] a, int len, double[] key) {
        for (int k = 1; k < len; k++) {
            int q = a[k];
            double f = key[q];
            int t = k;
            while (t > 0 && key[a[t - 1]] > f) {
                a[t] = a[t - 1];
                t--;
            }
            a[t] = q;
        }
    }

    /** Whether (k1, r1) sorts before (k2, r2): keys as {@link Double#compare}, then ranks. */
    static boolean less(double k1, int r1, double k2, int r2) {
        if (k1 < k2) {
            return true;
        }
        if (k1 > k2) {
            return false;
        }
        int c = Double.compare(k1, k2);
        return c != 0 ? c < 0 : r1 < r2;
    }

    private static void insertionKey(int[] a, double[] k, int[] r, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int va = a[i];
            double vk = k[i];
            int vr = r[i];
            int j = i - 1;
            while (j >= from && less(vk, vr, k[j], r[j])) {
                a[j + 1] = a[j];
                k[j + 1] = k[j];
                r[j + 1] = r[j];
                j--;
            }
            a[j + 1] = va;
            k[j + 1] = vk;
            r[j + 1] = vr;
        }
    }

    private static void mergeKey(int[] a, double[] k, int[] r, int[] ta, double[] tk, int[] tr, int from, int to) {
        if (to - from <= 24) {
            insertionKey(a, k, r, from, to);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeKey(a, k, r, ta, tk, tr, from, mid);
        mergeKey(a, k, r, ta, tk, tr, mid, to);
        if (!less(k[mid], r[mid], k[mid - 1], r[mid - 1])) {
            return;
        }
        System.arraycopy(a, from, ta, from, to - from);
        System.arraycopy(k, from, tk, from, to - from);
        System.arraycopy(r, from, tr, from, to - from);
        int i = from;
        int j = mid;
        int o = from;
        while (i < mid && j < to) {
            if (less(tk[j], tr[j], tk[i], tr[i])) {
                a[o] = ta[j];
                k[o] = tk[j];
                r[o++] = tr[j++];
            } else {
                a[o] = ta[i];
                k[o] = tk[i];
                r[o++] = tr[i++];
            }
        }
        while (i < mid) {
            a[o] = ta[i];
            k[o] = tk[i];
            r[o++] = tr[i++];
        }
        while (j < to) {
            a[o] = ta[j];
            k[o] = tk[j];
            r[o++] = tr[j++];
        }
    }
}

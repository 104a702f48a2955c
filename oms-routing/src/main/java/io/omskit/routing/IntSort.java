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
}

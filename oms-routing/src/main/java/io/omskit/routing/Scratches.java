package io.omskit.routing;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The reusable arrays of one routing call (the problem build's and the search's), lent from a small shared pool
 * and given back when the call returns. A pool instead of thread-locals: a thread that outlives the library
 * (an application server's worker after an undeploy) keeps nothing of it, and idle threads hold no arrays.
 *
 * <p>The pool is thread-safe and lock-free: {@link #take} empties a slot with a compare-and-set (or makes new
 * arrays when every slot is empty or taken), {@link #give} fills an empty slot (or drops the arrays when all are
 * full). An instance lent by {@link #take} belongs to one caller until it is given back. The pool keeps at most
 * {@link #SLOTS} of them, each as large as the largest request it served (primitives only: nothing of a request
 * is retained).
 */
final class Scratches {
    /** Slots in the pool: a few more than the threads that usually route at the same time. */
    static final int SLOTS = Math.min(64, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private static final AtomicReferenceArray<Scratches> POOL = new AtomicReferenceArray<>(SLOTS);

    final Problem.Scratch build = new Problem.Scratch();
    final MinCost.Scratch search = new MinCost.Scratch();

    private Scratches() {
    }

    /** Arrays for one call: from the pool, or new. Give them back with {@link #give} when the call returns. */
    static Scratches take() {
        int start = start();
        for (int k = 0; k < SLOTS; k++) {
            int i = (start + k) % SLOTS;
            Scratches s = POOL.get(i);
            if (s != null && POOL.compareAndSet(i, s, null)) {
                return s;
            }
        }
        return new Scratches();
    }

    /** Gives arrays back after the call that took them returned (kept if a slot is free, else dropped). */
    static void give(Scratches s) {
        int start = start();
        for (int k = 0; k < SLOTS; k++) {
            int i = (start + k) % SLOTS;
            if (POOL.get(i) == null && POOL.compareAndSet(i, null, s)) {
                return;
            }
        }
    }

    /** How many arrays the pool holds now (for tests). */
    static int pooled() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (POOL.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    // threads start at different slots, so that concurrent callers rarely touch the same one
    private static int start() {
        return (int) (Thread.currentThread().getId() % SLOTS);
    }
}

package org.curationlab.selection;

import java.util.SplittableRandom;

/**
 * Sampling k items without replacement from softmax(scores) by the Gumbel-top-k trick: add an
 * independent Gumbel(0, 1) draw to each score and keep the k largest. This is exactly sequential
 * sampling without replacement, in one pass and without renormalising, which is why the joint
 * selector can draw a whole chunk at once. Also the plain top-k used by the greedy variants.
 */
public final class GumbelTopK {
    private GumbelTopK() {
    }

    /** One Gumbel(0, 1) draw, −log(−log u) with u strictly inside (0, 1). */
    public static double gumbel(SplittableRandom rng) {
        double u = ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
        return -Math.log(-Math.log(u));
    }

    /**
     * k distinct indices drawn without replacement from softmax(scores) over the entries not
     * excluded, in draw order. Draws one Gumbel per eligible entry, in index order.
     */
    public static int[] sample(double[] scores, boolean[] excluded, int k, SplittableRandom rng) {
        double[] keys = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            keys[i] = excluded != null && excluded[i] ? 0.0 : scores[i] + gumbel(rng);
        }
        return top(keys, excluded, k);
    }

    /**
     * The indices of the k largest keys among the entries not excluded, largest first; ties go to
     * the lower index so the result never depends on anything but the keys. O(n log k).
     */
    public static int[] top(double[] keys, boolean[] excluded, int k) {
        int[] heap = new int[k]; // min-heap by "worse first"
        int filled = 0;
        for (int i = 0; i < keys.length; i++) {
            if (excluded != null && excluded[i]) {
                continue;
            }
            if (filled < k) {
                heap[filled] = i;
                siftUp(heap, filled++, keys);
            } else if (better(i, heap[0], keys)) {
                heap[0] = i;
                siftDown(heap, k, keys);
            }
        }
        if (filled < k) {
            throw new IllegalArgumentException("only " + filled + " eligible entries for k = " + k);
        }
        int[] out = new int[k];
        for (int pos = k - 1; pos >= 0; pos--) {
            out[pos] = heap[0];
            heap[0] = heap[pos];
            siftDown(heap, pos, keys);
        }
        return out;
    }

    private static boolean better(int a, int b, double[] keys) {
        return keys[a] > keys[b] || (keys[a] == keys[b] && a < b);
    }

    private static void siftUp(int[] heap, int pos, double[] keys) {
        int x = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!better(heap[parent], x, keys)) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = x;
    }

    private static void siftDown(int[] heap, int size, double[] keys) {
        if (size == 0) {
            return;
        }
        int pos = 0;
        int x = heap[0];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(heap[child], heap[child + 1], keys)) {
                child++;
            }
            if (!better(x, heap[child], keys)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = x;
    }
}

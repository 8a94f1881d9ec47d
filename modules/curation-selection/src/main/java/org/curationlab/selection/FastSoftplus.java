package org.curationlab.selection;

/**
 * softplus(x) = max(x, 0) + log1p(e^−|x|) over a whole row of pair logits, in branch-free float
 * arithmetic that HotSpot's C2 compiles to SIMD (docs/selection.md, "The scorer's passes"): the row
 * kernel is what makes a B×B score matrix cheap next to a training step (bench row
 * select-joint-B1280).
 * <ul>
 *   <li>e^−t: d = e^y − 1 at y = −t/32 by its Taylor polynomial to y^5, then squared up five times as
 *   d ← d(2 + d), which keeps d's relative precision (1 + d would not), and u = 1 + d. Past
 *   t = ln 2 that last sum rounds u to a multiple of 2^−24, so the term has a resolution of about
 *   3e-8 absolute and is 0 beyond t ≈ 17: fine against sums of losses in float, but not relatively
 *   exact for very negative logits (the table it replaced was). t is clamped at 24 only to keep y
 *   in the polynomial's range.</li>
 *   <li>log1p(u), u ∈ [0, 1]: 2·atanh(z) with z = u/(2 + u) ∈ [0, 1/3], its series to z^15
 *   (the rest is below 1e-8).</li>
 * </ul>
 * Against the exact softplus the error is at most 1e-7 + 1.2e-7·softplus(x) (Nd4jScoringTest),
 * under float resolution of the sums it enters. {@link Math#fma} is one SIMD instruction on every
 * CPU with AVX2 (the builds this project runs on).
 * {@link SigmoidPairLoss#softplus} stays the exact reference the tests compare against.
 */
final class FastSoftplus {
    /** Keeps y = −t/32 within the polynomial's range; the term is already 0 in float well before. */
    private static final float MAX_T = 24f;

    private FastSoftplus() {
    }

    /**
     * x[k] = softplus(x[k]) for 0 ≤ k < len, in place; {@code tail} is scratch of at least len floats.
     * How it is written is what lets C2 (JDK 17) vectorise it:
     * <ul>
     *   <li>every access is at index k of its array: C2 cannot prove that two float[] are different
     *   arrays, and with an offset between a read and a write it does not vectorise;</li>
     *   <li>two loops, not one: a single loop with both halves is too large to unroll, and a loop
     *   that is not unrolled is not vectorised (≈15× slower);</li>
     *   <li>the arithmetic is written out, not in helper methods: C2 compiles a hot helper on its own
     *   first and then does not inline it.</li>
     * </ul>
     */
    static void row(float[] x, int len, float[] tail) {
        for (int k = 0; k < len; k++) {
            float y = Math.min(Math.abs(x[k]), MAX_T) * (-1f / 32f);
            float d = Math.fma(y, 1f / 120, 1f / 24);
            d = Math.fma(d, y, 1f / 6);
            d = Math.fma(d, y, 1f / 2);
            d = Math.fma(d, y, 1f);
            d = d * y;
            d = Math.fma(d, d, 2f * d);
            d = Math.fma(d, d, 2f * d);
            d = Math.fma(d, d, 2f * d);
            d = Math.fma(d, d, 2f * d);
            d = Math.fma(d, d, 2f * d);
            tail[k] = 1f + d;
        }
        for (int k = 0; k < len; k++) {
            float v = x[k];
            float u = tail[k];
            float z = u / (2f + u);
            float z2 = z * z;
            float p = Math.fma(z2, 1f / 15, 1f / 13);
            p = Math.fma(p, z2, 1f / 11);
            p = Math.fma(p, z2, 1f / 9);
            p = Math.fma(p, z2, 1f / 7);
            p = Math.fma(p, z2, 1f / 5);
            p = Math.fma(p, z2, 1f / 3);
            p = Math.fma(p, z2, 1f);
            // max(v, 0) as v/2 + |v|/2 in one rounding: exact, no overflow near Float.MAX_VALUE, and NaN
            // or −∞ gives NaN, which the scorer's check catches.
            float relu = Math.fma(0.5f, v, 0.5f * Math.abs(v));
            x[k] = relu + 2f * z * p;
        }
    }

    /** One entry, by {@link #row} (for tests; the scorer only ever calls the row). */
    static float softplus(float x) {
        float[] one = {x};
        row(one, 1, new float[1]);
        return one[0];
    }
}

package org.curationlab.pruning;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Integer quotas from fractional ones (Hamilton's largest-remainder method): floor every x_j, then
 * hand the missing units to the largest fractional parts (ties to the lower index). For x with
 * Σx = total this is the integer vector nearest to x with the same sum, and since the bounds are
 * integers, floor and floor + 1 of an in-bounds x_j stay in bounds. Plain rounding (the published
 * DBP code uses rint) can miss the budget by up to k/2 rows.
 */
public final class LargestRemainderRounding {

    private LargestRemainderRounding() {
    }

    public static int[] round(double[] x, int[] lower, int[] upper, int total) {
        int k = x.length;
        long sumLower = 0;
        long sumUpper = 0;
        for (int j = 0; j < k; j++) {
            sumLower += lower[j];
            sumUpper += upper[j];
        }
        if (total < sumLower || total > sumUpper) {
            throw new IllegalArgumentException("infeasible: total " + total + " outside ["
                    + sumLower + ", " + sumUpper + "]");
        }
        int[] r = new int[k];
        double[] frac = new double[k];
        long sum = 0;
        for (int j = 0; j < k; j++) {
            double f = Math.floor(x[j]);
            r[j] = (int) Math.max(lower[j], Math.min(upper[j], f));
            frac[j] = x[j] - r[j];
            sum += r[j];
        }
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        // Floating error in x can leave the floors above or below the total by more than the
        // fractional parts explain; cycling through the order with the bounds as guards fixes
        // either direction and terminates because the total is feasible.
        if (sum < total) {
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -frac[j])
                    .thenComparingInt(j -> j));
            for (int pass = 0; sum < total; pass++) {
                for (int i = 0; i < k && sum < total; i++) {
                    int j = order[i];
                    if (r[j] < upper[j]) {
                        r[j]++;
                        sum++;
                    }
                }
            }
        } else if (sum > total) {
            Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> frac[j])
                    .thenComparingInt(j -> j));
            while (sum > total) {
                for (int i = 0; i < k && sum > total; i++) {
                    int j = order[i];
                    if (r[j] > lower[j]) {
                        r[j]--;
                        sum--;
                    }
                }
            }
        }
        return r;
    }
}

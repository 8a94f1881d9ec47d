package org.curationlab.harness.summary;

import org.hipparchus.stat.descriptive.DescriptiveStatistics;

import java.util.Collection;

/**
 * The mean and the sample standard deviation (n − 1 in the denominator; 0 for one value, NaN for
 * none) of a set of values, e.g. one metric over the seeds of a group. Computed by Hipparchus.
 */
public record MeanSd(int n, double mean, double sd) {

    public static MeanSd of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static MeanSd of(double... values) {
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        return new MeanSd(values.length, s.getMean(), s.getStandardDeviation());
    }

    /** Whether there is a spread to show (two values or more). */
    public boolean hasSpread() {
        return n > 1;
    }
}

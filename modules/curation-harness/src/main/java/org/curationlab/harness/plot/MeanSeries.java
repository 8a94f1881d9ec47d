package org.curationlab.harness.plot;

import org.curationlab.harness.summary.MeanSd;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A line of means at each x, with ± one standard deviation bars over the values there (seeds, runs). */
public final class MeanSeries {
    private MeanSeries() {
    }

    /** The series; bars when {@code bars}. */
    public static CurvePlot.Series of(String label, TreeMap<Double, List<Double>> atX, boolean bars) {
        double[] xs = new double[atX.size()], ys = new double[atX.size()], err = new double[atX.size()];
        int k = 0;
        for (Map.Entry<Double, List<Double>> e : atX.entrySet()) {
            MeanSd s = MeanSd.of(e.getValue());
            xs[k] = e.getKey();
            ys[k] = s.mean();
            err[k++] = s.sd();
        }
        return new CurvePlot.Series(label, xs, ys, bars ? err : null, CurvePlot.Kind.DATA);
    }

    /** The series labelled with its largest count of values at one x ("label (n=3)"), bars when that is above one. */
    public static CurvePlot.Series counted(String label, TreeMap<Double, List<Double>> atX) {
        int n = atX.values().stream().mapToInt(List::size).max().orElse(0);
        return of(label + (n > 1 ? " (n=" + n + ")" : ""), atX, n > 1);
    }
}

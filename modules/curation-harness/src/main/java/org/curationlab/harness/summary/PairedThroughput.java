package org.curationlab.harness.summary;

import org.curationlab.data.CurationException;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.curationlab.harness.summary.Decimals.fixed;

/**
 * The throughput of one sweep on 1 worker against 2, timed in pairs A B A B ... (runs.csv:
 * {@code pair,workers,wall_s}) with each timed sweep's results.csv kept as
 * {@code SWEEPS/w<workers>-p<pair>.csv}. The speed-up is taken pair by pair, so that drift in the
 * machine's speed cancels within a pair; medians over pairs summarise it. Each cell's last row
 * holds its whole training time (wall_s): cells train one at a time on 1 worker and two at a time
 * on 2, so a sweep's training span is the sum of its cells' seconds divided by the workers, and the
 * rest of its wall time is overhead (Spark, executors, each cell's JVM).
 *
 * @param pairs the pair numbers, in order
 * @param wall  workers (1, 2) → each pair's sweep wall seconds
 * @param cells workers → each pair's cells' training seconds (a cell's last wall_s)
 */
public record PairedThroughput(List<Integer> pairs, Map<Integer, double[]> wall, Map<Integer, List<double[]>> cells) {
    private static final int[] WORKERS = {1, 2};

    /** Reads runs.csv and, per run, {@code sweeps/w<workers>-p<pair>.csv}; an error naming what is missing. */
    public static PairedThroughput read(Path runs, Path sweeps) {
        Map<Integer, Map<Integer, Double>> byPair = new TreeMap<>();
        for (ResultRow r : ResultsTable.read(runs).rows()) {
            long workers = r.whole("workers");
            if (workers != 1 && workers != 2) {
                throw new CurationException(r.where() + ": column 'workers' holds " + workers + "; expected 1 or 2");
            }
            byPair.computeIfAbsent((int) r.whole("pair"), p -> new LinkedHashMap<>()).put((int) workers, r.number("wall_s"));
        }
        if (byPair.isEmpty()) {
            throw new CurationException(runs + ": no runs; expected lines pair,workers,wall_s");
        }
        for (Map.Entry<Integer, Map<Integer, Double>> e : byPair.entrySet()) {
            for (int w : WORKERS) {
                if (!e.getValue().containsKey(w)) {
                    throw new CurationException(runs + ": pair " + e.getKey() + " has no run on " + w
                            + " worker(s); expected one on 1 and one on 2");
                }
            }
        }
        List<Integer> pairs = new ArrayList<>(byPair.keySet());
        Map<Integer, double[]> wall = new LinkedHashMap<>();
        Map<Integer, List<double[]>> cells = new LinkedHashMap<>();
        for (int w : WORKERS) {
            double[] seconds = new double[pairs.size()];
            List<double[]> trained = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                int p = pairs.get(i);
                seconds[i] = byPair.get(p).get(w);
                trained.add(lastWallSeconds(sweeps.resolve("w" + w + "-p" + p + ".csv")));
            }
            wall.put(w, seconds);
            cells.put(w, trained);
        }
        return new PairedThroughput(pairs, wall, cells);
    }

    /** Each cell's last wall_s (its whole training time), cells in the order they first appear. */
    static double[] lastWallSeconds(Path results) {
        Map<String, Double> last = new LinkedHashMap<>();
        for (ResultRow row : ResultsTable.read(results).rows()) {
            last.put(row.text("cell"), row.number("wall_s"));
        }
        return last.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Pair by pair, 1 worker's wall time over 2 workers'. */
    public double[] speedUps() {
        double[] r = new double[pairs.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = wall.get(1)[i] / wall.get(2)[i];
        }
        return r;
    }

    /** Per pair, the sweep's training span on {@code workers}: its cells' seconds summed, over the workers. */
    public double[] span(int workers) {
        double[] s = new double[pairs.size()];
        for (int i = 0; i < s.length; i++) {
            double sum = 0;
            for (double x : cells.get(workers).get(i)) {
                sum += x;
            }
            s[i] = sum / workers;
        }
        return s;
    }

    /** Per pair, the wall time that is not training span. */
    public double[] overhead(int workers) {
        double[] span = span(workers);
        double[] o = new double[span.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = wall.get(workers)[i] - span[i];
        }
        return o;
    }

    /** The median training seconds of one cell on {@code workers}, over every pair's cells. */
    public double cellMedian(int workers) {
        return median(cells.get(workers).stream().flatMapToDouble(Arrays::stream).toArray());
    }

    /** The table in Markdown, {@code title} (a paragraph) above it. */
    public String markdown(String title) {
        StringBuilder md = new StringBuilder();
        if (title != null && !title.isEmpty()) {
            md.append(title).append("\n\n");
        }
        double[] ratio = speedUps();
        md.append("| | 1 worker | 2 workers | speed-up (1 / 2, pair by pair) |\n| --- | --- | --- | --- |\n");
        for (int i = 0; i < pairs.size(); i++) {
            md.append("| pair ").append(pairs.get(i)).append(" | ").append(fixed(wall.get(1)[i], 1)).append(" s | ")
                    .append(fixed(wall.get(2)[i], 1)).append(" s | ").append(fixed(ratio[i], 2)).append("x |\n");
        }
        md.append("| **median** | **").append(fixed(median(wall.get(1)), 1)).append(" s** | **").append(fixed(median(wall.get(2)), 1))
                .append(" s** | **").append(fixed(median(ratio), 2)).append("x** (min ").append(fixed(Arrays.stream(ratio).min().orElseThrow(), 2))
                .append(", max ").append(fixed(Arrays.stream(ratio).max().orElseThrow(), 2)).append(") |\n\n");
        md.append("Where the time goes (medians over pairs):\n\n| | 1 worker | 2 workers |\n| --- | --- | --- |\n");
        md.append("| one cell's training (its wall_s) | ").append(fixed(cellMedian(1), 1)).append(" s | ").append(fixed(cellMedian(2), 1)).append(" s |\n");
        double span1 = median(span(1));
        double span2 = median(span(2));
        md.append("| training span (cells' seconds / workers) | ").append(fixed(span1, 1)).append(" s | ").append(fixed(span2, 1)).append(" s |\n");
        md.append("| the rest: Spark, executors, cells' JVMs | ").append(fixed(median(overhead(1)), 1)).append(" s | ")
                .append(fixed(median(overhead(2)), 1)).append(" s |\n");
        md.append("\nSpeed-up of the training span alone: ").append(fixed(span1 / span2, 2)).append("x (a cell trains ")
                .append(fixed(cellMedian(2) / cellMedian(1), 2)).append("x slower beside another on this 2-core machine).\n");
        return md.toString();
    }

    /** The middle value, or the mean of the two middle ones for an even count. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}

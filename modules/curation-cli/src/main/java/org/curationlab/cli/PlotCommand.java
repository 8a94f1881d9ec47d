package org.curationlab.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.data.CurationException;
import org.curationlab.harness.plot.AxisLabel;
import org.curationlab.harness.plot.CurvePlot;
import org.curationlab.harness.plot.FigureSet;
import org.curationlab.harness.plot.MeanSeries;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.harness.sweep.SweepRunner;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code curate plot}: paper-style curves from a sweep's results or from runs' evaluation rows;
 * with {@code --by}, one curve per value of a setting, the mean over its cells (seeds) with
 * standard-deviation bars.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a sweep's figure set, or one metric against another. --sweep DIR --out plots/NAME without --x/--y "
                + "writes the figures that the sweep's axes allow (PNG and SVG, mean over seeds with sd bars, fitted "
                + "curves dashed) and plots/NAME/report.html with the fit table and provenance. With --x/--y, or with --run LABEL=DIR, "
                + "one figure BASE.png and BASE.svg.")
public final class PlotCommand implements Callable<Integer> {
    @Option(names = "--sweep", paramLabel = "DIR", description = "A sweep folder (its results.csv). With --x/--y it may be "
            + "repeated: each sweep is one curve (named by its folder), or with --by one curve per sweep and value.")
    List<Path> sweeps;
    @Option(names = "--run", paramLabel = "LABEL=DIR", description = "A run folder and its legend label; repeat for each curve.")
    List<String> runs;
    @Option(names = "--by", paramLabel = "COL", description = "With --sweep: one curve per value of this setting, averaged over the other axes (e.g. method).")
    String by;
    @Option(names = "--x", paramLabel = "COL", description = "Column on the x axis (one figure; default iteration).")
    String x;
    @Option(names = "--y", paramLabel = "COL", description = "Column on the y axis (one figure; default zeroshot_top1).")
    String y;
    @Option(names = "--metric", paramLabel = "COL", description = "Figure set only: the metric every figure and report.html "
            + "plot (error is 1 - metric): zeroshot_top1 (default), i2t_r1, t2i_r1, i2t_r5, t2i_r5 or probe_10shot, e.g. i2t_r1 "
            + "for runs on your own pairs, where zero-shot is 0.")
    String metric;
    @Option(names = "--final", description = "With --x/--y: only each cell's (run's) final row, one point per run, e.g. final "
            + "accuracy against the filtering ratio.")
    boolean finalOnly;
    @Option(names = "--log-x", description = "Logarithmic x axis.")
    boolean logX;
    @Option(names = "--log-y", description = "Logarithmic y axis.")
    boolean logY;
    @Option(names = "--title", defaultValue = "", paramLabel = "TEXT", description = "Figure title.")
    String title;
    @Option(names = "--out", required = true, paramLabel = "BASE", description = "Output path without extension: BASE.png and BASE.svg are written.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean bySweep = sweeps != null && !sweeps.isEmpty();
        if (bySweep == (runs != null && !runs.isEmpty())) {
            throw new CurationException("give either --sweep DIR or one or more --run LABEL=DIR");
        }
        // --out is a folder (figure set) or a base name (BASE.png, BASE.svg): never an existing file such as an input
        OutputGuard.check("--out", out, OutputGuard.Kind.FIGURES,
                bySweep ? sweeps.stream().map(s -> s.resolve(SweepResults.FILE)).toList() : RunFolders.files(runs));
        if (bySweep && x == null && y == null) {
            if (sweeps.size() > 1) {
                throw new CurationException("--sweep: a figure set is drawn for one sweep; give --x and --y to draw several in one figure");
            }
            if (finalOnly) {
                throw new CurationException("--final: applies to one figure of --x against --y");
            }
            return figureSet(sweeps.get(0));
        }
        if (metric != null) {
            throw new CurationException("--metric: applies to a sweep's figure set; with --x/--y or --run give the metric as --y");
        }
        x = x == null ? "iteration" : x;
        y = y == null ? "zeroshot_top1" : y;
        Map<String, List<List<ResultRow>>> groups = bySweep ? sweepGroups() : RunFolders.read(runs);
        CurvePlot plot = new CurvePlot(title, AxisLabel.of(x), AxisLabel.of(y)).logX(logX).logY(logY);
        groups.forEach((label, members) -> plot.add(series(label, members)));
        Path png = plot.write(out);
        spec.commandLine().getOut().println("wrote " + png + " and " + out + ".svg");
        return 0;
    }

    /** One sweep's groups; of several sweeps, each sweep's (by its folder's name), or each sweep's and value's with --by. */
    Map<String, List<List<ResultRow>>> sweepGroups() {
        if (sweeps.size() == 1) {
            return RunFolders.sweep(sweeps.get(0), by);
        }
        Map<String, List<List<ResultRow>>> groups = new LinkedHashMap<>();
        long distinctNames = sweeps.stream().map(p -> p.toAbsolutePath().normalize().getFileName()).distinct().count();
        for (Path s : sweeps) {
            // a sweep is named by its folder, or by the path as given when two folders share a name
            String name = distinctNames == sweeps.size() ? s.toAbsolutePath().normalize().getFileName().toString() : s.toString();
            RunFolders.sweep(s, by).forEach((label, members) -> groups.computeIfAbsent(by == null ? name : name + ": " + label,
                    k -> new ArrayList<>()).addAll(members));
        }
        return groups;
    }

    /** The sweep's figure set and report.html in the folder --out. */
    private Integer figureSet(Path sweep) {
        Path csv = sweep.resolve(SweepResults.FILE);
        if (!Files.isRegularFile(csv)) {
            throw new CurationException("--sweep: " + csv + " does not exist");
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        List<String> groupColumns = new ArrayList<>();
        Path json = sweep.resolve(SweepRunner.PROVENANCE);
        if (Files.isRegularFile(json)) {
            try {
                provenance = new ObjectMapper().readValue(json.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IOException e) {
                throw new CurationException(json + ": not a sweep's provenance (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
            }
            if (provenance.get("spec") instanceof Map<?, ?> specMap && specMap.get("axes") instanceof Map<?, ?> axes) {
                axes.forEach((k, v) -> {
                    if (!"seed".equals(k) && v instanceof List<?> l && l.size() > 1) {
                        groupColumns.add(k.toString());
                    }
                });
            }
        }
        if (by != null) {
            groupColumns.clear();
            groupColumns.addAll(List.of(by.split(",")));
        }
        FigureSet set = new FigureSet(ResultsTable.read(csv).rows(), groupColumns, provenance, out).sweepDir(sweep);
        if (metric != null) {
            set.metric(metric);
        }
        List<FigureSet.Figure> figures = set.write();
        PrintWriter o = spec.commandLine().getOut();
        figures.forEach(f -> o.println("wrote " + out.resolve(f.stem() + ".png") + " and .svg"));
        o.println("wrote " + out.resolve("report.html"));
        o.flush();
        return 0;
    }

    /** Mean of y over the members at each x, with standard-deviation bars when there are several. */
    CurvePlot.Series series(String label, List<List<ResultRow>> members) {
        TreeMap<Double, List<Double>> atX = new TreeMap<>();
        for (List<ResultRow> all : members) {
            List<ResultRow> rows = finalOnly && !all.isEmpty() ? List.of(FinalRows.of(all)) : all;
            for (ResultRow r : rows) {
                double xv = number(r, x);
                double yv = number(r, y);
                if (Double.isFinite(xv) && Double.isFinite(yv) && (!logX || xv > 0) && (!logY || yv > 0)) {
                    atX.computeIfAbsent(xv, k -> new ArrayList<>()).add(yv);
                }
            }
        }
        // n is runs per point: all of a group's members on a curve, one setting's seeds with --final
        return MeanSeries.counted(label, atX);
    }

    /** The column's value, NaN when empty; an error naming the file, line and column when it is missing or not a number. */
    private static double number(ResultRow row, String col) {
        return row.text(col).isEmpty() ? Double.NaN : row.number(col);
    }
}

package org.curationlab.harness.plot;

import org.curationlab.harness.fit.ComputeMultiplier;
import org.curationlab.harness.fit.FitReport;
import org.curationlab.harness.fit.Observation;
import org.curationlab.harness.fit.OneAxisCurve;
import org.curationlab.harness.fit.ParetoFrontier;
import org.curationlab.harness.fit.Replicates;
import org.curationlab.train.results.ResultsCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a compute-scaling fit ({@code curate fit --plot BASE}): error against x, log-log,
 * each group's seed-averaged Pareto frontier with the fitted law dashed
 * ({@code BASE-frontier}); and, against a baseline, the multiplier as a function of the baseline's
 * x along its frontier ({@code BASE-multiplier}, with its table {@code BASE-multiplier.csv}).
 */
public final class ComputeScalingPlot {
    private ComputeScalingPlot() {
    }

    /** Writes the figures; returns the files written. */
    public static List<Path> write(FitReport report, List<Observation> observations, String xLabel, Path base) {
        Map<String, List<Observation>> byGroup = new LinkedHashMap<>();
        for (Observation o : observations) {
            byGroup.computeIfAbsent(o.groupOrDefault(), g -> new ArrayList<>()).add(o);
        }
        List<Path> written = new ArrayList<>();
        CurvePlot frontier = new CurvePlot("", xLabel, "zero-shot error").logX(true).logY(true);
        byGroup.forEach((g, points) -> {
            List<Observation> envelope = ParetoFrontier.runningMinimum(Replicates.meanOverSeeds(points));
            frontier.add(series(g + " frontier (seed mean)", envelope));
            FitReport.GroupFit fit = report.fits().stream().filter(f -> f.group().equals(g)).findFirst().orElse(null);
            if (fit != null && fit.curve() instanceof OneAxisCurve c) {
                frontier.add(CurvePlot.Series.fitted(g + " fit", c, envelope.get(0).x(), envelope.get(envelope.size() - 1).x()));
            }
        });
        written.add(frontier.write(base.resolveSibling(base.getFileName() + "-frontier")));
        String baseline = report.baseline();
        if (baseline != null && byGroup.containsKey(baseline)) {
            CurvePlot multiplier = new CurvePlot("", "baseline " + xLabel + " (" + baseline + "'s frontier)",
                    "multiplier: " + baseline + "'s x / group's x").logX(true);
            StringBuilder csv = new StringBuilder(ResultsCsv.line(List.of("group", "x_baseline", "error", "x_group", "multiplier", "status")));
            byGroup.forEach((g, points) -> {
                if (g.equals(baseline)) {
                    return;
                }
                List<ComputeMultiplier.Result> curve = ComputeMultiplier.curve(byGroup.get(baseline), points);
                List<Double> xs = new ArrayList<>(), ms = new ArrayList<>();
                for (ComputeMultiplier.Result r : curve) {
                    csv.append(ResultsCsv.line(List.of(g, ResultsCsv.number(r.xBaseline()), ResultsCsv.number(r.yStar()),
                            ResultsCsv.number(r.xOther()), ResultsCsv.number(r.multiplier()), r.status().name())));
                    if (r.status() == ComputeMultiplier.Status.OK) {
                        xs.add(r.xBaseline());
                        ms.add(r.multiplier());
                    }
                }
                multiplier.add(CurvePlot.Series.of(g, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        ms.stream().mapToDouble(Double::doubleValue).toArray()));
            });
            written.add(multiplier.write(base.resolveSibling(base.getFileName() + "-multiplier")));
            Path table = base.resolveSibling(base.getFileName() + "-multiplier.csv");
            try {
                Files.writeString(table, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written.add(table);
        }
        return written;
    }

    private static CurvePlot.Series series(String label, List<Observation> points) {
        return CurvePlot.Series.of(label, points.stream().mapToDouble(Observation::x).toArray(),
                points.stream().mapToDouble(Observation::y).toArray());
    }
}

package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.PairedComparison;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.train.EvalLog;
import org.curationlab.train.results.CellBlocks;
import org.curationlab.train.results.ResultRow;
import org.curationlab.train.results.ResultsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code curate compare}: paired-by-seed differences of a final metric between two groups of a
 * sweep (values of one setting, each run matched with the other side's run of the same seed and
 * settings) or between two labels of run folders (matched in the order given), with Student t
 * intervals, and the trained batches' composition of both sides side by side.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Paired differences A − B of a final metric (a run of A matched with B's run of the same seed and other settings), "
                + "their mean and Student t interval, and the batches' composition (batch_* columns) of A and B side by side. "
                + "Markdown, or CSV by --out's extension or --format.")
public final class CompareCommand implements Callable<Integer> {
    static final List<String> COMPOSITION = List.of("batch_clean", "batch_misaligned", "batch_generic", "batch_corrupted",
            "batch_duplicate", "batch_learnability");

    @Option(names = "--sweep", paramLabel = "DIR", description = "A sweep folder (its results.csv); A and B are values of --by.")
    Path sweep;
    @Option(names = "--run", paramLabel = "LABEL=DIR", description = "A run folder and its label; A and B are labels, a label's "
            + "folders matched with the other's in the order given.")
    List<String> runs;
    @Option(names = "--by", paramLabel = "COL", description = "With --sweep: the setting whose values are compared (e.g. method).")
    String by;
    @Option(names = "--a", required = true, paramLabel = "VALUE", description = "Side A; repeat with --b for several comparisons "
            + "(the n-th --a with the n-th --b). '*' is every value other than B's, in the order they first appear.")
    List<String> as;
    @Option(names = "--b", required = true, paramLabel = "VALUE", description = "Side B.")
    List<String> bs;
    @Option(names = "--metric", defaultValue = "zeroshot_top1", paramLabel = "COL", description = "The final-row column compared "
            + "(default: ${DEFAULT-VALUE}).")
    String metric;
    @Option(names = "--within", split = ",", paramLabel = "COL[,COL...]", description = "With --sweep: a line per value of these "
            + "settings (e.g. model,iterations) instead of pooling their pairs.")
    List<String> within = new ArrayList<>();
    @Option(names = "--sides", split = ",", paramLabel = "COL,...|none", description = "Columns shown for A and B side by side, "
            + "the mean of their final rows (default: the batch_* columns that hold values).")
    List<String> sides;
    @Option(names = "--level", defaultValue = "0.95", paramLabel = "P", description = "Confidence of the intervals (default: ${DEFAULT-VALUE}).")
    double level;
    @Option(names = "--name", paramLabel = "TEXT", description = "What A and B are called in the header (default: --by, or 'run').")
    String name;
    @Option(names = "--format", paramLabel = "md|csv", description = "Markdown or CSV (default: by --out's extension).")
    String format;
    @Option(names = "--title", paramLabel = "TEXT", description = "A paragraph written above a Markdown table.")
    String title;
    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to FILE (never one of the inputs).")
    Path out;
    @Spec
    CommandSpec spec;

    /** One run's final row, the side it is on, and what it is matched on. */
    private record Unit(String side, String match, List<String> within, ResultRow last) {
    }

    @Override
    public Integer call() {
        if ((sweep == null) == (runs == null || runs.isEmpty())) {
            throw new CurationException("give either --sweep DIR (with --by) or two or more --run LABEL=DIR");
        }
        if (sweep != null && by == null) {
            throw new CurationException("--by: name the setting whose values --a and --b are");
        }
        if (as.size() != bs.size()) {
            throw new CurationException("--a/--b: give them in pairs (" + as.size() + " --a, " + bs.size() + " --b)");
        }
        if (!(level > 0 && level < 1)) {
            throw new CurationException("--level: " + level + " is not between 0 and 1");
        }
        boolean csv = TableCommand.csv(format, out);
        if (out != null) {
            OutputGuard.check("--out", out, csv ? OutputGuard.Kind.CSV : OutputGuard.Kind.MARKDOWN,
                    sweep != null ? List.of(sweep.resolve(SweepResults.FILE)) : RunFolders.files(runs));
        }
        List<Unit> units = sweep != null ? sweepUnits() : runUnits();
        List<String> order = units.stream().map(Unit::side).distinct().toList();
        List<String> shown = sides(units);
        List<PairedComparison> rows = new ArrayList<>();
        Set<String> others = new LinkedHashSet<>();
        PrintWriter err = spec.commandLine().getErr();
        for (int i = 0; i < as.size(); i++) {
            String b = bs.get(i);
            require(order, b, "--b");
            List<String> aSides = as.get(i).equals("*") ? order.stream().filter(v -> !v.equals(b)).toList() : List.of(as.get(i));
            for (String a : aSides) {
                require(order, a, "--a");
                for (List<String> w : units.stream().map(Unit::within).distinct().toList()) {
                    PairedComparison p = compare(units, a, b, w, shown, others);
                    if (p.n() < 2) {
                        err.printf("compare: %s vs %s%s: %d matched pair%s, no interval; left out%n", a, b, w.isEmpty() ? "" : " at " + w,
                                p.n(), p.n() == 1 ? "" : "s");
                    }
                    rows.add(p);
                }
            }
        }
        err.flush();
        String unit = others.size() <= 1 ? "seeds" : "pairs";
        String label = name != null ? name : (by != null ? by : "run");
        String text = csv ? PairedComparison.csv(rows, within, level, shown)
                : (title == null ? "" : title.strip() + "\n\n") + PairedComparison.markdown(rows, label, within, unit, level, shown);
        PrintWriter o = spec.commandLine().getOut();
        o.print(text);
        o.flush();
        if (out != null) {
            OutputGuard.write(out, text);
        }
        return 0;
    }

    private PairedComparison compare(List<Unit> units, String a, String b, List<String> w, List<String> shown, Set<String> others) {
        Map<String, Double> av = new LinkedHashMap<>();
        Map<String, Double> bv = new LinkedHashMap<>();
        for (Unit u : units) {
            if (u.within().equals(w) && (u.side().equals(a) || u.side().equals(b))) {
                double v = u.last().text(metric).isEmpty() ? Double.NaN : u.last().number(metric);
                if ((u.side().equals(a) ? av : bv).put(u.match(), v) != null) {
                    throw new CurationException("--by " + by + ": two runs of " + u.side() + " share the settings " + u.match()
                            + "; compare them --within the setting that tells them apart");
                }
            }
        }
        Map<String, double[]> pairs = PairedComparison.pairsOf(av, bv);
        pairs.keySet().forEach(k -> others.add(k.replaceAll("(^|;)seed=[^;]*", "")));
        Map<String, double[]> side = new LinkedHashMap<>();
        for (String c : shown) {
            side.put(c, new double[]{meanOf(units, a, w, pairs.keySet(), c), meanOf(units, b, w, pairs.keySet(), c)});
        }
        return new PairedComparison(a, b, w, pairs, side);
    }

    private static double meanOf(List<Unit> units, String sideValue, List<String> w, Set<String> matched, String column) {
        double sum = 0;
        int n = 0;
        for (Unit u : units) {
            if (u.side().equals(sideValue) && u.within().equals(w) && matched.contains(u.match())) {
                double v = u.last().numberOrNaN(column);
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private void require(List<String> order, String value, String flag) {
        if (!order.contains(value)) {
            throw new CurationException(flag + ": no " + (by != null ? "cell has " + by + " = " : "--run is labelled ") + "'" + value
                    + "' (there are " + order + ")");
        }
    }

    /** The side-by-side columns: as given, none for "none", else the batch_* columns some run has a value in. */
    private List<String> sides(List<Unit> units) {
        if (sides != null) {
            return sides.equals(List.of("none")) ? List.of() : sides;
        }
        return COMPOSITION.stream().filter(c -> units.stream().anyMatch(u -> Double.isFinite(u.last().numberOrNaN(c)))).toList();
    }

    /** A sweep's finished cells: each cell's final row, matched on its settings other than --by (and --within, a line's own). */
    private List<Unit> sweepUnits() {
        ResultsTable table = ResultsTable.read(sweep.resolve(SweepResults.FILE));
        if (table.isEmpty()) {
            throw new CurationException(table.source() + ": holds no finished cell yet");
        }
        table.require(by, "--by");
        table.require(metric, "--metric");
        within.forEach(w -> table.require(w, "--within"));
        List<String> settings = table.columns().stream().filter(c -> !EvalLog.COLUMNS.contains(c) && !c.equals(by) && !within.contains(c)
                && !List.of(CellBlocks.CELL, CellBlocks.ROW, CellBlocks.ROWS).contains(c)).toList();
        List<Unit> out = new ArrayList<>();
        FinalRows.byKey(table.rows(), r -> r.text(CellBlocks.CELL)).values().forEach(last -> {
            StringBuilder match = new StringBuilder();
            settings.forEach(s -> match.append(match.isEmpty() ? "" : ";").append(s).append('=').append(last.get(s)));
            out.add(new Unit(last.text(by), match.toString(), within.stream().map(last::get).toList(), last));
        });
        return out;
    }

    /** Run folders: each label's folders are its seeds, matched with the other label's in the order given. */
    private List<Unit> runUnits() {
        if (!within.isEmpty()) {
            throw new CurationException("--within: applies to a sweep's settings; run folders have none");
        }
        List<Unit> out = new ArrayList<>();
        RunFolders.read(runs).forEach((label, members) -> {
            for (int s = 0; s < members.size(); s++) {
                ResultRow last = FinalRows.of(members.get(s));
                if (last == null) {
                    throw new CurationException("--run " + label + ": run " + (s + 1) + " has no evaluation row");
                }
                last.text(metric);
                out.add(new Unit(label, "seed=" + (s + 1), List.of(), last));
            }
        });
        return out;
    }
}

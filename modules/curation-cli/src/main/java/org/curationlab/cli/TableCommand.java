package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.FinalRows;
import org.curationlab.harness.summary.MeanSd;
import org.curationlab.train.results.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The final evaluation row of each run, as a Markdown table with one line per group: the mean over
 * the group's runs (seeds) and, when there are several, ± their standard deviation. The README's
 * result tables are printed by this verb from the committed results.
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Final metrics per group as a Markdown table (mean ± sd over the group's runs): for a sweep (--sweep DIR, "
                + "groups by cell or by --by) or for run folders (--run LABEL=DIR, a label given again adds a seed).")
public final class TableCommand implements Callable<Integer> {
    @Option(names = "--sweep", paramLabel = "DIR", description = "A sweep folder (its results.csv).")
    Path sweep;
    @Option(names = "--run", paramLabel = "LABEL=DIR", description = "A run folder (its eval.csv) and its label; repeat.")
    List<String> runs;
    @Option(names = "--by", paramLabel = "COL", description = "With --sweep: one line per value of this setting.")
    String by;
    @Option(names = "--columns", split = ",", paramLabel = "COL,...",
            defaultValue = "zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,batch_generic,batch_corrupted,batch_duplicate,flops_total",
            description = "Columns of the final row to report (default: ${DEFAULT-VALUE}).")
    List<String> columns;
    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to FILE.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((sweep == null) == (runs == null || runs.isEmpty())) {
            throw new CurationException("give either --sweep DIR or one or more --run LABEL=DIR");
        }
        Map<String, List<List<ResultRow>>> groups = sweep != null ? RunFolders.sweep(sweep, by) : RunFolders.read(runs);
        String table = render(groups, columns);
        PrintWriter o = spec.commandLine().getOut();
        o.print(table);
        o.flush();
        if (out != null) {
            try {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(out, table);
            } catch (IOException e) {
                throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
            }
        }
        return 0;
    }

    static String render(Map<String, List<List<ResultRow>>> groups, List<String> columns) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        w.print("| group | runs | iterations |");
        columns.forEach(c -> w.print(" " + c + " |"));
        w.println();
        w.print("| --- | --- | --- |");
        columns.forEach(c -> w.print(" --- |"));
        w.println();
        groups.forEach((label, members) -> {
            w.print("| " + label + " | " + members.size() + " | " + format(members, "iteration") + " |");
            for (String c : columns) {
                w.print(" " + format(members, c) + " |");
            }
            w.println();
        });
        w.flush();
        return s.toString();
    }

    /** Mean ± sd of a column's value in each member's final row; "-" when no member has it. */
    private static String format(List<List<ResultRow>> members, String column) {
        List<Double> v = new ArrayList<>();
        for (List<ResultRow> rows : members) {
            ResultRow last = FinalRows.of(rows);
            if (last == null) {
                continue;
            }
            if (!last.has(column)) {
                throw new CurationException("--columns: " + last.where() + " has no column '" + column + "'; columns are "
                        + last.values().keySet());
            }
            double d = last.get(column).isEmpty() ? Double.NaN : last.number(column);
            if (Double.isFinite(d)) {
                v.add(d);
            }
        }
        if (v.isEmpty()) {
            return "-";
        }
        MeanSd s = MeanSd.of(v);
        boolean integral = v.get(0) == Math.rint(v.get(0)) && Math.abs(v.get(0)) < 1e6;
        if (s.sd() == 0 && integral) {
            return String.format(Locale.ROOT, "%.0f", s.mean()); // iterations, counts: the same in every run
        }
        boolean large = Math.abs(s.mean()) >= 1e4;
        String m = large ? String.format(Locale.ROOT, "%.3g", s.mean()) : String.format(Locale.ROOT, "%.3f", s.mean());
        if (!s.hasSpread() || s.sd() == 0) {
            return m;
        }
        return m + " ± " + (large ? String.format(Locale.ROOT, "%.2g", s.sd()) : String.format(Locale.ROOT, "%.3f", s.sd()));
    }
}

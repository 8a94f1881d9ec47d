package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.summary.GroupTable;
import org.curationlab.harness.summary.RowsAt;
import org.curationlab.harness.summary.StageComposition;
import org.curationlab.harness.sweep.SweepResults;
import org.curationlab.train.results.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The final evaluation row of each run, as a table with one line per group: the mean over the
 * group's runs (seeds) and, when there are several, ± their standard deviation. Markdown (the
 * results notebook's tables (results/README.md) are printed by this verb from the committed records) or CSV.
 * With {@code --at COL=VALUE}, each run's row at that point instead (e.g. at equal compute), interpolated by
 * {@link RowsAt}.
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Final metrics per group (mean ± sd over the group's runs) as a Markdown or CSV table: for a sweep (--sweep DIR, "
                + "groups by cell or by --by COL[,COL...]) or for run folders (--run LABEL=DIR, a label given again adds a seed); "
                + "with --at COL=VALUE, the metrics at that point of every run instead (e.g. at equal compute).")
public final class TableCommand implements Callable<Integer> {
    @Option(names = "--sweep", paramLabel = "DIR", description = "A sweep folder (its results.csv).")
    Path sweep;
    @Option(names = "--run", paramLabel = "LABEL=DIR", description = "A run folder (its eval.csv) and its label; repeat.")
    List<String> runs;
    @Option(names = "--by", split = ",", paramLabel = "COL[,COL...]",
            description = "With --sweep: one line per value (per combination of values) of these settings, a column each.")
    List<String> by;
    @Option(names = "--columns", split = ",", paramLabel = "COL,...",
            defaultValue = "zeroshot_top1,probe_10shot,batch_clean,batch_misaligned,batch_generic,batch_corrupted,batch_duplicate,flops_total",
            description = "Columns to report, of the final row (or of the row at --at) (default: ${DEFAULT-VALUE}).")
    List<String> columns;
    @Option(names = "--format", paramLabel = "md|csv", description = "Markdown or CSV (default: by --out's extension, .csv for CSV; "
            + "Markdown otherwise).")
    String format;
    @Option(names = "--title", paramLabel = "TEXT", description = "A paragraph written above a Markdown table (a blank line follows it).")
    String title;
    @Option(names = "--name", paramLabel = "TEXT", description = "Header of the group column (default: group).")
    String name;
    @Option(names = "--stages", description = "With --sweep: instead of final metrics, what each pool-pruning stage kept by provenance "
            + "kind, mean over the group's cells (from each cell's provenance.json); an unpruned group shows its full pool. Markdown.")
    boolean stages;
    @Option(names = "--at", paramLabel = "COL=VALUE",
            description = "Instead of each run's final row, its row where COL (a column that never decreases along a run: "
                    + "flops_total, iteration, wall_s, ...) equals VALUE, every reported column interpolated linearly between the "
                    + "two evaluation rows around it (exact at a row; NaN stays NaN). A run whose rows do not reach VALUE is an "
                    + "error (never extrapolated). The table states the point: a line above the Markdown, columns at and at_value "
                    + "in CSV. Not with --stages.")
    String at;
    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table to FILE (never one of the inputs).")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if ((sweep == null) == (runs == null || runs.isEmpty())) {
            throw new CurationException("give either --sweep DIR or one or more --run LABEL=DIR");
        }
        if (by != null && sweep == null) {
            throw new CurationException("--by: groups a sweep's cells; --run groups by its LABEL");
        }
        boolean csv = csv(format, out);
        RowsAt point = at == null ? null : RowsAt.parse(at);
        if (out != null) {
            OutputGuard.check("--out", out, csv ? OutputGuard.Kind.CSV : OutputGuard.Kind.MARKDOWN,
                    sweep != null ? List.of(sweep.resolve(SweepResults.FILE)) : RunFolders.files(runs));
        }
        List<String> keys = by == null || by.isEmpty() ? List.of() : by;
        Map<List<String>, List<List<ResultRow>>> groups = sweep != null ? RunFolders.sweepGroups(sweep, keys) : labelled(RunFolders.read(runs));
        String head = title == null ? "" : title.strip() + "\n\n";
        String text;
        if (stages) {
            if (point != null) {
                throw new CurationException("--stages: what pruning kept has no point along training; not with --at");
            }
            if (sweep == null || csv) {
                throw new CurationException("--stages: a Markdown table of a sweep's cells (--sweep DIR)");
            }
            Map<String, List<Path>> cells = new LinkedHashMap<>();
            groups.forEach((key, members) -> cells.put(String.join(", ", key),
                    members.stream().map(rows -> sweep.resolve("cells").resolve(rows.get(0).text("cell"))).toList()));
            text = head + StageComposition.markdown(cells, name != null ? name : "group");
        } else {
            GroupTable table = new GroupTable(keys.size() > 1 ? keys : List.of(name != null ? name : "group"), groups, columns, point);
            text = csv ? table.csv() : head + table.markdown();
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(text);
        o.flush();
        if (out != null) {
            OutputGuard.write(out, text);
        }
        return 0;
    }

    /** CSV when {@code --format csv}, or without --format when the output file ends in .csv. */
    static boolean csv(String format, Path out) {
        if (format == null) {
            return out != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "md", "markdown" -> false;
            default -> throw new CurationException("--format: '" + format + "' is not md or csv");
        };
    }

    private static Map<List<String>, List<List<ResultRow>>> labelled(Map<String, List<List<ResultRow>>> groups) {
        Map<List<String>, List<List<ResultRow>>> out = new LinkedHashMap<>();
        groups.forEach((label, members) -> out.put(List.of(label), members));
        return out;
    }
}

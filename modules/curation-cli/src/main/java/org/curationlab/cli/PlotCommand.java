package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.plot.CurvePlot;
import org.curationlab.train.EvalLog;
import org.curationlab.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code curate plot}: paper-style curves from runs' evaluation rows. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw one metric against another for several runs (their OUT/eval.csv), as PNG and SVG.")
public final class PlotCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "LABEL=DIR", description = "A run folder and its legend label; repeat for each curve.")
    List<String> runs;
    @Option(names = "--x", defaultValue = "iteration", paramLabel = "COL", description = "Column on the x axis (default: ${DEFAULT-VALUE}).")
    String x;
    @Option(names = "--y", defaultValue = "zeroshot_top1", paramLabel = "COL", description = "Column on the y axis (default: ${DEFAULT-VALUE}).")
    String y;
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
        CurvePlot plot = new CurvePlot(title, x, y).logX(logX).logY(logY);
        for (String run : runs) {
            int eq = run.indexOf('=');
            if (eq <= 0) {
                throw new CurationException("--run: '" + run + "' is not LABEL=DIR");
            }
            String label = run.substring(0, eq);
            Path dir = Path.of(run.substring(eq + 1));
            Path csv = dir.resolve(Trainer.EVAL_CSV);
            if (!Files.exists(csv)) {
                throw new CurationException("--run " + label + ": " + csv + " does not exist");
            }
            List<Map<String, String>> rows = new EvalLog(csv).read();
            plot.add(CurvePlot.Series.of(label, column(rows, x, csv), column(rows, y, csv)));
        }
        Path png = plot.write(out);
        spec.commandLine().getOut().println("wrote " + png + " and " + out + ".svg");
        return 0;
    }

    private static double[] column(List<Map<String, String>> rows, String col, Path csv) {
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            String cell = rows.get(i).get(col);
            if (cell == null) {
                throw new CurationException(csv + ": no column '" + col + "'; columns are " + rows.get(i).keySet());
            }
            try {
                v[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new CurationException(csv + ": row " + (i + 2) + " column '" + col + "' is '" + cell + "', not a number");
            }
        }
        return v;
    }
}

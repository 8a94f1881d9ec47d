package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.harness.multiplier.MultiplierSpec;
import org.curationlab.harness.multiplier.MultiplierTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code curate multipliers SPEC --out DIR}: one table of JEST's multipliers across conditions,
 * read from committed records (see {@link MultiplierSpec}); writes DIR/multipliers.csv and
 * DIR/multipliers.md and prints the Markdown.
 */
@Command(name = "multipliers", mixinStandardHelpOptions = true,
        description = "One table of compute multipliers across conditions (a YAML spec of baseline and method runs, e.g. "
                + "experiments/multipliers.yaml): iterations and total FLOPs each needs to reach the baseline's final accuracy, "
                + "on the observed curves, with bootstrap intervals over seeds; and the training time (wall_s) to it, whose ratio is the "
                + "wall-clock multiplier, marked where the runs were not timed alone.")
public final class MultipliersCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "The conditions (YAML).")
    Path specFile;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write multipliers.csv and multipliers.md.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MultiplierSpec conditions = MultiplierSpec.load(specFile);
        List<Path> inputs = new ArrayList<>(List.of(specFile));
        inputs.addAll(conditions.inputs());
        OutputGuard.check("--out", out, OutputGuard.Kind.CSV, inputs);
        OutputGuard.check("--out", out.resolve("multipliers.csv"), OutputGuard.Kind.CSV, inputs);
        OutputGuard.check("--out", out.resolve("multipliers.md"), OutputGuard.Kind.MARKDOWN, inputs);
        MultiplierTable table = MultiplierTable.of(conditions);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("multipliers.csv"), table.csv());
            Files.writeString(out.resolve("multipliers.md"), table.markdown());
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(table.markdown());
        o.println("wrote " + out.resolve("multipliers.csv") + " and " + out.resolve("multipliers.md"));
        o.flush();
        return 0;
    }
}

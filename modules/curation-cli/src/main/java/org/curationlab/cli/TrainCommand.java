package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.train.ProgressListener;
import org.curationlab.train.RunSpec;
import org.curationlab.train.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code curate train}: train a learner on the web pool, uniformly or with JEST, writing evaluation
 * rows as it goes. Its run options are the settings of {@link org.curationlab.train.settings.RunSchema}
 * ({@link SettingOptions.Train}); only --out, --resume and --run are its own.
 */
@Command(name = "train", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Train.class,
        description = "Train a two-tower learner on the web pool, uniformly or with JEST online batch selection; "
                + "evaluation rows go to OUT/eval.csv with OUT/provenance.json.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the run's rows, provenance and checkpoint.")
    Path out;
    @Option(names = "--resume", description = "Continue the run already in --out from its last checkpoint.")
    boolean resume;
    @Option(names = "--run", paramLabel = "FILE",
            description = "Train the run a JSON file describes (fields: these options' long names without dashes; fields left out "
                    + "take their defaults), as `curate sweep` does for each cell; only --out and --resume go beside it.")
    Path runFile;
    private static final Set<String> ALONGSIDE_RUN = Set.of("--run", "--out", "--resume");
    @Spec
    CommandSpec spec;

    /**
     * The run these options describe, one setting per option. With {@code --run FILE} the file is
     * the run, and only {@code --out} and {@code --resume} may be given beside it.
     */
    RunSpec toRun() {
        if (runFile != null) {
            List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(OptionSpec::longestName).filter(n -> !ALONGSIDE_RUN.contains(n)).toList();
            if (!others.isEmpty()) {
                throw new CurationException("--run: " + runFile + " holds every setting of the run; give only --out and --resume "
                        + "beside it (got " + String.join(", ", others) + ")");
            }
            return RunSpec.read(runFile);
        }
        return SettingOptions.read(spec, SettingOptions.Train.SETTINGS);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Runs.Result r = Runs.train(toRun(), out, resume, new Runs.Listener() {
            @Override
            public ProgressListener progress(String label) {
                return new ProgressBar(System.err, label);
            }

            @Override
            public void note(String line) {
                err.println(line);
                err.flush();
            }
        });
        Summary.print(spec.commandLine().getOut(), r.trained());
        return 0;
    }
}

package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.DataWorld;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolSpec;
import org.curationlab.train.Evaluator;
import org.curationlab.train.TrainConfig;
import org.curationlab.train.Trainer;
import org.curationlab.train.UniformBatches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code curate train}: train a learner on the web pool, writing evaluation rows as it goes. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a two-tower learner on the web pool; evaluation rows go to OUT/eval.csv with OUT/provenance.json.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;
    @Mixin
    ModelOptions model;
    @Mixin
    RunOptions run;
    @Option(names = "--method", defaultValue = "uniform", paramLabel = "METHOD",
            description = "Batch selection: uniform (default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the run's rows, provenance and checkpoint.")
    Path out;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!method.equals("uniform")) {
            throw new CurationException("--method: '" + method + "' is not available; expected uniform");
        }
        PoolSpec poolSpec = data.poolSpec();
        TrainConfig cfg = new TrainConfig(model.config(run.iterations, data.seed), run.iterations, run.batch,
                run.evalEvery, run.evalSize, data.seed, run.threads());
        DataWorld world = data.world();
        PairPool pool = world.webPool(poolSpec);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("command", "train");
        settings.put("method", method);
        settings.put("pool", poolSpec.key());
        settings.put("data_dir", world.data().dir().toString());
        settings.putAll(cfg.asMap());
        Trainer.Result r = new Trainer(cfg, pool, new UniformBatches(pool.size(), cfg.batch(), cfg.seed()),
                new Evaluator(world, cfg.evalSize(), cfg.seed()), out, new ProgressBar(System.err, "train"))
                .run(settings, run.resume);
        Summary.print(spec.commandLine().getOut(), r);
        return 0;
    }
}

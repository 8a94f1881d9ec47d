package org.curationlab.bench;

import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a training step's time goes, op by op: ND4J's own op profiler (elapsed time per executed
 * op, summed by op name) over a few steps of a model, after two unprofiled warm-up steps. The
 * profiler times each op synchronously, so the total is a little above an unprofiled step; the
 * shares are what to read. {@code curate bench --profile L}, or {@code --profile M --tower vit}
 * for the vision transformer, where a step is gemms, batched matmuls and the elementwise ops
 * between them (LayerNorm, softmax, GELU, the layout copies of attention's heads).
 */
public final class StepProfile {
    /** One op's time per step and its share of all profiled op time. */
    public record OpTime(String op, double msPerStep, double share) {
    }

    /** The ops of a profiled run, largest first, and the wall time per step while profiling. */
    public record Result(ImageTowerKind tower, ModelSize size, int batch, int steps, double wallMsPerStep, List<OpTime> ops) {
        /** The bench row the profile splits: {@code train-M} for the CNN, {@code train-vit-M} for the ViT. */
        public String stepName() {
            return tower == ImageTowerKind.CNN ? "train-" + size : "train-" + tower.name().toLowerCase(Locale.ROOT) + "-" + size;
        }
    }

    // "CustomOp conv2d_bp (-836...)  >>>  perc: 58.17 Time spent: 2910 ms": the profiler's only public view.
    private static final Pattern LINE = Pattern.compile("^\\s*\\S+\\s+(\\S+)\\s+\\([-0-9]+\\)\\s+>>>\\s+perc:\\s*([0-9.Ee+-]+)\\s+Time spent:\\s*([0-9]+)\\s*ms");

    private StepProfile() {
    }

    public static Result run(ModelSize size, int batch, int steps) {
        return run(ImageTowerKind.CNN, size, batch, steps);
    }

    /** The op profile of a training step of a tower's model (the ViT at its base patch), as {@code train-SIZE} times it. */
    public static Result run(ImageTowerKind tower, ModelSize size, int batch, int steps) {
        TwoTowerModel m = Bench.model(tower, size);
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, m.config().imageShape().pixels());
        INDArray tokens = Bench.tokens(batch);
        m.trainStep(images, tokens);
        m.trainStep(images, tokens);
        OpProfiler profiler = OpProfiler.getInstance();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        profiler.reset();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < steps; i++) {
                m.trainStep(images, tokens);
            }
        } finally {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        }
        double wall = (System.nanoTime() - t0) / 1e6 / steps;
        List<OpTime> ops = parse(profiler.getLongAggergator().asPercentageString(), steps);
        profiler.reset();
        return new Result(tower, size, batch, steps, wall, ops);
    }

    /** The profiler's per-op lines, as op times per step, largest first. */
    static List<OpTime> parse(String text, int steps) {
        List<OpTime> ops = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                ops.add(new OpTime(m.group(1), Double.parseDouble(m.group(3)) / steps, Double.parseDouble(m.group(2)) / 100));
            }
        }
        ops.sort(Comparator.comparingDouble(OpTime::msPerStep).reversed());
        return ops;
    }
}

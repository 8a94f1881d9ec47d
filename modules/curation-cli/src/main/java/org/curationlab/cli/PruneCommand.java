package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PairPool;
import org.curationlab.data.pairs.SyntheticPairs;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolSpec;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.OwnPairPool;
import org.curationlab.data.pairs.OwnPairs;
import org.curationlab.data.pairs.PairsLoader;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.TwoTowerModel;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.harness.plot.CurvePlot;
import org.curationlab.pruning.ClusterStats;
import org.curationlab.pruning.PruneEmbedding;
import org.curationlab.pruning.PruneInput;
import org.curationlab.pruning.PruningPipeline;
import org.curationlab.train.PoolPruning;
import org.curationlab.train.ReferenceModel;
import org.curationlab.train.RunSpec;
import org.curationlab.pruning.PruneOptions;
import org.curationlab.pruning.Pruner;
import org.curationlab.pruning.Pruners;
import org.curationlab.pruning.PruneResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code curate prune}: offline pruning of any embeddings a user brings (docs/pruning.md). */
@Command(name = "prune", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Prune.class,
        description = "Prune a pool offline from its embeddings (float32 N x d .npy, or the web pool embedded by a reference model): "
                + "a pruner (listed below) or a pipeline of them (semdedup+score:0.5+dbp:0.3). "
                + "Writes the kept row indices in ascending order, one per line, and prints a per-cluster table.")
public final class PruneCommand implements Callable<Integer> {
    @Option(names = "--method", required = true, paramLabel = "PIPELINE", completionCandidates = Pruners.Names.class,
            description = "One of ${COMPLETION-CANDIDATES} (keeping --keep), or stages joined by '+', each on what the one before "
                    + "kept, its ':q' the fraction of the original pool it leaves (a pruner without a budget takes none; a last stage "
                    + "without one takes --keep).")
    String method;
    @Option(names = "--embeddings", paramLabel = "E.npy", description = "Embeddings, float32 N x d (or use --reference to prune the web pool).")
    Path embeddings;
    @Option(names = "--reference", paramLabel = "FILE", description = "Prune the web pool (pool flags below) with this reference checkpoint's "
            + "embeddings instead of --embeddings, and report what each provenance kind kept.")
    Path reference;
    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Cache of reference embeddings (default: $CURATE_CACHE or ~/.cache/curationlab).")
    Path cacheDir;
    @Option(names = "--assignments", paramLabel = "A.npy", description = "Cluster of each row (integer .npy of length N); clusters are then taken as given.")
    Path assignments;
    @Option(names = "--scores", paramLabel = "S.npy", description = "A score per row (e.g. reference image-text alignment), for --method score.")
    Path scores;
    @Option(names = "--cluster-csv", paramLabel = "FILE.csv",
            description = "Also write the per-cluster table of every clustering stage (size, d_intra, d_inter, complexity, quota kept) as CSV.")
    Path clusterCsv;
    @Option(names = "--cluster-plot", paramLabel = "FILE",
            description = "Also draw each DBP or SSP stage's quota (fraction of the cluster kept) against cluster complexity, FILE.png and FILE.svg.")
    Path clusterPlot;
    @Option(names = "--stages-csv", paramLabel = "FILE.csv",
            description = "Also write what each stage saw and kept (with --reference: by provenance kind) as CSV.")
    Path stagesCsv;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the kept indices.")
    Path out;
    @Spec
    CommandSpec spec;

    /** Lists the registry's pruners, each with its help line, below the options ({@link SettingOptions.Prune} applies it). */
    public static final class PrunerList implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> lines = new ArrayList<>();
            for (Pruner p : Pruners.all()) {
                lines.addAll(entry(p.name(), p.summary()));
            }
            // The footer is a format string: a '%' in a summary must print as itself.
            spec.usageMessage().footerHeading("%nPruners:%n").footer(lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new));
            return spec;
        }

        /** "  name      summary", wrapped at 80 columns with the continuations under the summary (picocli would not indent them). */
        static List<String> entry(String name, String summary) {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-9s", name));
            boolean empty = true;
            for (String word : summary.split(" ")) {
                if (!empty && line.length() + 1 + word.length() > 80) {
                    out.add(line.toString());
                    line = new StringBuilder(" ".repeat(11)); // + the space before the word: column 12
                }
                line.append(' ').append(word);
                empty = false;
            }
            out.add(line.toString());
            return out;
        }
    }

    /** One stage as this command reports it; {@code composition} is null for user embeddings (no provenance). */
    record Stage(String name, String method, int input, PruneResult result, int[] kept, PoolComposition composition) {
    }

    @Override
    public Integer call() {
        RunSpec run = SettingOptions.read(spec, SettingOptions.Prune.SETTINGS);
        PruneOptions options = run.pruneOptions();
        PruneEmbedding embedding = PruneEmbedding.parse(run.pruning().pruneEmbedding());
        PrintWriter o = spec.commandLine().getOut();
        if ((embeddings == null) == (reference == null)) {
            throw new CurationException("give either --embeddings E.npy or --reference FILE (to prune the web pool)");
        }
        // Checked before anything is read or written: no output over an input (an .npy written over by the kept rows).
        List<Path> inputs = java.util.stream.Stream.of(embeddings, reference, assignments, scores).filter(java.util.Objects::nonNull).toList();
        OutputGuard.check("--out", out, OutputGuard.Kind.CSV, inputs);
        for (Path table : new Path[] {clusterCsv, stagesCsv}) {
            if (table != null) {
                OutputGuard.check(table == clusterCsv ? "--cluster-csv" : "--stages-csv", table, OutputGuard.Kind.CSV, inputs);
            }
        }
        PruningPipeline pipeline = PruningPipeline.parse(method, options.keep(), "--method");
        int poolSize;
        int[] kept;
        List<Stage> stages = new ArrayList<>();
        if (run.ownPairs()) {
            if (reference == null) {
                throw new CurationException("--pairs: give --reference FILE, a reference trained on your own pairs, to embed them");
            }
            // Your pairs, all of them, read by the reference's own tokenizer; kept rows are indices into the source as loaded.
            CaptionTokenizer tokenizer = TwoTowerModel.readTokenizer(reference).orElseThrow(() -> new CurationException("--reference: "
                    + reference + " was trained on the Fashion-MNIST world (it holds no caption tokenizer); with --pairs, give a reference "
                    + "trained on your own pairs (curate reference --reference-pairs)"));
            ParseResult given = spec.commandLine().getParseResult();
            ModelConfig held = TwoTowerModel.readConfig(reference);
            if (!given.hasMatchedOption("--image-size")) {
                run = run.with(RunSchema.IMAGE_SIZE, held.imageShape().side());
            }
            if (!given.hasMatchedOption("--channels")) {
                run = run.with(RunSchema.CHANNELS, held.imageShape().channels());
            }
            Path cache = cacheDir != null ? cacheDir : RunSpec.defaultCacheDir();
            OwnPairs loaded = PairsLoader.load(Path.of(run.data().pairs()), run.pairsOptions(cache), null);
            OwnPairPool pool = new OwnPairPool(run.data().pairs(), loaded, tokenizer);
            PoolPruning.Pruned pruned = PoolPruning.prune(pool, "pairs=" + run.data().pairs(), method, options, embedding,
                    ReferenceModel.load(reference), cache, "--method");
            for (PoolPruning.Stage s : pruned.stages()) {
                stages.add(new Stage(s.stage(), s.method(), s.input(), s.result(), null, null));
            }
            poolSize = pool.size();
            kept = pruned.result().kept();
            int[] labels = new int[pool.size()];
            java.util.Arrays.setAll(labels, pool::label);
            printByLabel(o, pool.labelNames(), labels, kept);
        } else if (reference != null) {
            PoolSpec poolSpec = run.poolSpec();
            PairPool pool = SettingOptions.world(run).webPool(poolSpec);
            PoolPruning.Pruned pruned = PoolPruning.prune(new SyntheticPairs(pool), poolSpec.key(), method, options, embedding, ReferenceModel.load(reference),
                    cacheDir != null ? cacheDir : RunSpec.defaultCacheDir(), "--method");
            for (PoolPruning.Stage s : pruned.stages()) {
                stages.add(new Stage(s.stage(), s.method(), s.input(), s.result(), null, s.composition()));
            }
            poolSize = pool.size();
            kept = pruned.result().kept();
            PoolComposition before = pool.composition();
            PoolComposition after = pruned.composition();
            o.printf("%-11s %8s %8s %9s%n", "kind", "pool", "kept", "kept/pool");
            for (PairFlag f : PairFlag.values()) {
                int b = before.byFlag()[f.ordinal()], a = after.byFlag()[f.ordinal()];
                o.printf(Locale.ROOT, "%-11s %8d %8d %9.4f%n", f.label(), b, a, b == 0 ? Double.NaN : a / (double) b);
            }
            DedupOutcome d = DedupOutcome.of(pool, kept);
            o.printf(Locale.ROOT, "near-duplicates resolved (copy or original removed): %d of %d (%.4f); other pairs removed: %d of %d (%.4f)%n",
                    d.resolved(), d.duplicates(), d.resolvedFraction(), d.othersRemoved(), d.others(), d.othersRemovedFraction());
            if (stages.size() > 1) {
                printStages(o, before, stages);
            }
        } else {
            if (embedding != PruneEmbedding.IMAGE) {
                throw new CurationException("--prune-embedding " + embedding.label() + " needs --reference (the web pool's image and text "
                        + "embeddings); with --embeddings the file given is what is clustered");
            }
            PruningPipeline.Outcome outcome = pipeline.run(PruneInput.fromFiles(embeddings, assignments, scores, options), null, 0, "--method");
            for (PruningPipeline.StageOutcome s : outcome.stages()) {
                stages.add(new Stage(s.stage().toString(), s.stage().method(), s.inputRows(), s.result(), s.kept(), null));
            }
            poolSize = outcome.poolSize();
            kept = outcome.kept();
        }
        writeIndices(out, kept);
        for (Stage s : stages) {
            if (!s.result().clusters().isEmpty()) {
                if (stages.size() > 1) {
                    o.printf(Locale.ROOT, "stage %s, on the %d rows the stages before it kept:%n", s.name(), s.input());
                }
                o.print(s.result().table());
            }
        }
        if (clusterCsv != null) {
            writeClusterCsv(clusterCsv, stages);
        }
        if (clusterPlot != null) {
            plotQuotas(clusterPlot, stages);
        }
        if (stagesCsv != null) {
            writeStagesCsv(stagesCsv, stages, poolSize);
        }
        o.printf(Locale.ROOT, "%s kept %d of %d rows (%.4f) -> %s%n", method, kept.length, poolSize, kept.length / (double) poolSize, out);
        o.flush();
        return 0;
    }

    /**
     * What pruning your pairs kept of each label, as the web pool's table by provenance kind
     * (pool, kept, kept/pool), labels in their order in the source; without labels, a line saying
     * there is no breakdown (your pairs have no ground-truth kinds).
     */
    static void printByLabel(PrintWriter o, List<String> names, int[] labels, int[] kept) {
        if (names.isEmpty()) {
            o.println("no breakdown of what was kept: the pairs carry no labels (--label-column NAME or --label-from folder) "
                    + "and no provenance kinds");
            return;
        }
        // A pair without a label (an image at the root of a folder source) is counted under its own row.
        int[] before = new int[names.size() + 1];
        int[] after = new int[names.size() + 1];
        for (int label : labels) {
            before[slot(label, names.size())]++;
        }
        for (int i : kept) {
            after[slot(labels[i], names.size())]++;
        }
        List<String> shown = new ArrayList<>();
        names.forEach(n -> shown.add(TerminalText.escaped(n)));
        shown.add("(no label)");
        int width = Math.max(11, Math.min(32, shown.stream().mapToInt(String::length).max().orElse(0)));
        String row = "%-" + width + "s %8d %8d %9.4f%n";
        o.printf("%-" + width + "s %8s %8s %9s%n", "label", "pool", "kept", "kept/pool");
        for (int l = 0; l < shown.size(); l++) {
            if (l < names.size() || before[l] > 0) {
                o.printf(Locale.ROOT, row, shown.get(l), before[l], after[l], before[l] == 0 ? Double.NaN : after[l] / (double) before[l]);
            }
        }
        o.printf(Locale.ROOT, row, "total", labels.length, kept.length, kept.length / (double) Math.max(1, labels.length));
    }

    private static int slot(int label, int labels) {
        return label < 0 ? labels : label;
    }

    /** Kept pairs by provenance kind after each stage, beside the pool's. */
    private static void printStages(PrintWriter o, PoolComposition before, List<Stage> stages) {
        o.printf("%-11s %8s", "after", "pool");
        for (Stage s : stages) {
            o.printf(" %14s", s.name());
        }
        o.println();
        for (PairFlag f : PairFlag.values()) {
            o.printf(Locale.ROOT, "%-11s %8d", f.label(), before.byFlag()[f.ordinal()]);
            for (Stage s : stages) {
                o.printf(Locale.ROOT, " %14d", s.composition().byFlag()[f.ordinal()]);
            }
            o.println();
        }
        o.printf(Locale.ROOT, "%-11s %8d", "total", before.total());
        for (Stage s : stages) {
            o.printf(Locale.ROOT, " %14d", s.composition().total());
        }
        o.println();
    }

    static void writeClusterCsv(Path file, List<Stage> stages) {
        StringBuilder sb = new StringBuilder("stage,method,cluster,size,d_intra,d_inter,complexity,kept,kept_fraction\n");
        boolean any = false;
        for (Stage s : stages) {
            for (ClusterStats c : s.result().clusters()) {
                any = true;
                sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.8f,%d,%.6f%n", s.name(), s.method(), c.cluster(), c.size(),
                        c.dIntra(), c.dInter(), c.complexity(), c.kept(), c.size() == 0 ? Double.NaN : c.kept() / (double) c.size()));
            }
        }
        if (!any) {
            throw new CurationException("--cluster-csv: no stage of the pipeline clusters (" + Pruners.namesOf(Pruner::clusters)
                    + " do), so there is no table to write");
        }
        write(file, sb.toString(), "--cluster-csv");
    }

    /** One point per non-empty cluster of each quota stage (DBP, SSP): complexity C_j against x_j / n_j. */
    static void plotQuotas(Path file, List<Stage> stages) {
        CurvePlot plot = new CurvePlot("", "cluster complexity C_j = d_inter * d_intra", "fraction of the cluster kept (x_j / n_j)").scatter(true);
        boolean any = false;
        for (Stage s : stages) {
            if (!Pruners.byName(s.method()).setsClusterQuotas()) {
                continue; // SemDeDup has no quota: what it keeps is set by epsilon
            }
            List<ClusterStats> cs = s.result().clusters().stream().filter(c -> c.size() > 0)
                    .sorted(java.util.Comparator.comparingDouble(ClusterStats::complexity)).toList();
            if (cs.isEmpty()) {
                continue;
            }
            any = true;
            double[] x = cs.stream().mapToDouble(ClusterStats::complexity).toArray();
            double[] y = cs.stream().mapToDouble(c -> c.kept() / (double) c.size()).toArray();
            plot.add(CurvePlot.Series.of(s.name(), x, y));
        }
        if (!any) {
            throw new CurationException("--cluster-plot: no stage of the pipeline sets cluster quotas ("
                    + Pruners.namesOf(Pruner::setsClusterQuotas) + " do), so there is nothing to draw");
        }
        plot.write(file);
    }

    static void writeStagesCsv(Path file, List<Stage> stages, int poolSize) {
        StringBuilder sb = new StringBuilder("stage,method,input,kept,kept_of_pool");
        for (PairFlag f : PairFlag.values()) {
            sb.append(',').append(f.label());
        }
        sb.append('\n');
        for (Stage s : stages) {
            int k = s.result().kept().length;
            sb.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f", s.name(), s.method(), s.input(), k, k / (double) poolSize));
            for (PairFlag f : PairFlag.values()) {
                sb.append(',').append(s.composition() == null ? "" : Integer.toString(s.composition().byFlag()[f.ordinal()]));
            }
            sb.append('\n');
        }
        write(file, sb.toString(), "--stages-csv");
    }

    private static void write(Path file, String text, String flag) {
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            org.curationlab.data.io.AtomicFiles.write(abs, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CurationException(flag + ": " + file + " cannot be written (" + e.getMessage() + ")", e);
        }
    }

    static void writeIndices(Path out, int[] indices) {
        StringBuilder sb = new StringBuilder(indices.length * 6);
        for (int i : indices) {
            sb.append(i).append('\n');
        }
        try {
            Path abs = out.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            org.curationlab.data.io.AtomicFiles.write(abs, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CurationException("--out: " + out + " cannot be written (" + e.getMessage() + ")", e);
        }
    }
}

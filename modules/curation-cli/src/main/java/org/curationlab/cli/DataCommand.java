package org.curationlab.cli;

import org.curationlab.data.FashionClass;
import org.curationlab.data.FashionMnist;
import org.curationlab.data.FashionMnistSubset;
import org.curationlab.data.DataWorld;
import org.curationlab.data.PairFlag;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolComposition;
import org.curationlab.data.PoolSpec;
import org.curationlab.data.Seeds;
import org.curationlab.data.view.PoolSampleGrid;
import org.curationlab.train.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code curate data ...}: look at the images, the web pool and its noise. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect the data world: where the images come from, the web pool's composition, samples; or your own pairs (--pairs).",
        subcommands = {DataCommand.Info.class, DataCommand.Show.class, DataCommand.Split.class, DataCommand.Subset.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Data.class,
            description = "Print where the images came from, the split sizes, the pool's measured composition by noise kind and class, and example captions. "
                    + "With --pairs: your pairs' counts, image sizes seen, caption lengths, vocabulary, labels, and what was skipped and why.")
    static final class Info implements Callable<Integer> {
        @Mixin
        PairsOptionsMixin pairs;
        @Option(names = "--examples", defaultValue = "8", description = "Example captions to print (default: ${DEFAULT-VALUE}).")
        int examples;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RunSpec run = SettingOptions.read(spec, SettingOptions.Data.SETTINGS); // first: a bad value is an error even with --pairs
            if (run.ownPairs()) {
                var p = PairsView.load(pairs, run);
                PairsView.info(p, PairsView.skippedFile(pairs, p), examples, run.pairs().minWordCount(), run.pairs().maxTokens(),
                        spec.commandLine().getOut());
                return 0;
            }
            PoolSpec poolSpec = run.poolSpec();
            DataWorld world = SettingOptions.world(run);
            PrintWriter out = spec.commandLine().getOut();
            FashionMnist fm = world.data();
            out.printf("images      %s (found via %s; checksums: %s)%n", fm.dir(), fm.origin(), fm.checksumSource());
            out.printf("train       %d images%n", fm.train().count());
            out.printf("test        %d images%n", fm.test().count());
            out.printf("partitions  pool %d, curated %d (disjoint; the test split is only for evaluation)%n",
                    world.poolPartitionSize(), world.curatedPartitionSize());
            PairPool pool = world.webPool(poolSpec);
            PoolComposition c = pool.composition();
            out.printf("%nweb pool    %d pairs, noise %s, seed %d%n", pool.size(), poolSpec.noise(), poolSpec.seed());
            out.printf("  %-11s %9s %9s %7s%n", "kind", "requested", "measured", "pairs");
            for (PairFlag f : PairFlag.values()) {
                out.printf(Locale.ROOT, "  %-11s %9.3f %9.4f %7d%n", f.label(), poolSpec.noise().rate(f), c.fraction(f), c.byFlag()[f.ordinal()]);
            }
            out.printf(Locale.ROOT, "%nclass mix   (longtail: Zipf exponent %s)%n", poolSpec.noise().longtail());
            for (FashionClass k : FashionClass.values()) {
                out.printf(Locale.ROOT, "  %-11s %6d  %6.3f%n", k.displayName(), c.byClass()[k.ordinal()], c.classFraction(k.ordinal()));
            }
            out.printf("%nexample captions%n");
            for (int i = 0; i < Math.min(examples, pool.size()); i++) {
                out.printf("  #%-6d %-10s %-12s \"%s\"%n", i, pool.flag(i).label(),
                        FashionClass.of(pool.classOf(i)).displayName(), pool.caption(i));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Data.class,
            description = "Draw a PNG grid of pool samples with their captions and provenance flags; with --pairs, random samples of your pairs with their captions.")
    static final class Show implements Callable<Integer> {
        @Mixin
        PairsOptionsMixin pairs;
        @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
        Path out;
        @Option(names = "--per-kind", defaultValue = "4", description = "Samples of each provenance kind (default: ${DEFAULT-VALUE}).")
        int perKind;
        @Option(names = "--samples", defaultValue = "24", paramLabel = "N", description = "With --pairs: how many random pairs to draw (default: ${DEFAULT-VALUE}).")
        int samples;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // a PNG: never over the pairs it draws, a run's or a sweep's rows, or a CSV table
            RunSpec run = SettingOptions.read(spec, SettingOptions.Data.SETTINGS);
            OutputGuard.check("--out", out, OutputGuard.Kind.FIGURES,
                    run.ownPairs() ? List.of(Path.of(run.data().pairs())) : List.of());
            if (run.ownPairs()) {
                var p = PairsView.load(pairs, run);
                int[] ids = PairsView.show(p, samples, 6, run.data().seed(), out);
                spec.commandLine().getOut().println("wrote " + out + " (" + ids.length + " of " + p.size() + " pairs, "
                        + p.skipped() + " skipped" + (p.skipped() > 0 ? ", listed in " + PairsView.skippedFile(pairs, p) : "") + ")");
                return 0;
            }
            PoolSpec poolSpec = run.poolSpec();
            PairPool pool = SettingOptions.world(run).webPool(poolSpec);
            // A stratified sample: each kind present in the pool gets a row of its own.
            SplittableRandom rng = Seeds.stream(poolSpec.seed(), "data-show");
            List<Integer> ids = new ArrayList<>();
            for (PairFlag f : PairFlag.values()) {
                List<Integer> ofKind = new ArrayList<>();
                for (int i = 0; i < pool.size(); i++) {
                    if (pool.flag(i) == f) {
                        ofKind.add(i);
                    }
                }
                for (int k = 0; k < perKind && !ofKind.isEmpty(); k++) {
                    ids.add(ofKind.remove(rng.nextInt(ofKind.size())));
                }
            }
            String title = "web pool: " + pool.size() + " pairs, seed " + poolSpec.seed() + "\nnoise " + poolSpec.noise();
            PoolSampleGrid.write(pool, ids.stream().mapToInt(Integer::intValue).toArray(), perKind, title, out);
            spec.commandLine().getOut().println("wrote " + out + " (" + ids.size() + " samples, one row per provenance kind)");
            return 0;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.Data.class,
            description = "Cut your pairs (--pairs) in two: a seeded --fraction curated (curated.tsv, for --reference-pairs) and the rest "
                    + "(pool.tsv, for --pairs), open_clip-style lists (filepath, title, and label when the pairs have labels) with the "
                    + "images copied beside them, and split.json, the recipe.")
    static final class Split implements Callable<Integer> {
        @Mixin
        PairsOptionsMixin pairs;
        @Option(names = "--fraction", required = true, paramLabel = "F", description = "The share of the usable pairs that is curated, in (0, 1).")
        double fraction;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new (or empty) folder to write the lists and images into.")
        Path out;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RunSpec run = SettingOptions.read(spec, SettingOptions.Data.SETTINGS);
            if (!run.ownPairs()) {
                throw new org.curationlab.data.CurationException("--pairs: curate data split cuts your own pairs; name them with --pairs SOURCE");
            }
            if (!(fraction > 0 && fraction < 1)) {
                throw new org.curationlab.data.CurationException("--fraction: " + fraction
                        + " must lie strictly between 0 and 1 (the share of the pairs that is curated)");
            }
            var p = PairsView.load(pairs, run);
            var split = org.curationlab.data.pairs.PairsSplit.write(Path.of(run.data().pairs()), pairs.options(run), p, fraction,
                    run.data().seed(), out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("curated  %d pairs  %s%n", split.curated(), out.resolve(org.curationlab.data.pairs.PairsSplit.CURATED));
            w.printf("pool     %d pairs  %s%n", split.pool(), out.resolve(org.curationlab.data.pairs.PairsSplit.POOL));
            w.printf("of %d usable pairs (%d skipped%s), seed %d; images copied to %s; recipe %s%n", p.size(), p.skipped(),
                    p.skipped() > 0 ? ", listed in " + PairsView.skippedFile(pairs, p) : "", run.data().seed(), out.resolve("images"),
                    out.resolve(org.curationlab.data.pairs.PairsSplit.RECIPE));
            w.flush();
            return 0;
        }
    }

    @Command(name = "subset", mixinStandardHelpOptions = true,
            description = "Write a small class-balanced subset of Fashion-MNIST (IDX + SHA256SUMS + MIT notice), e.g. the test fixture.")
    static final class Subset implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Source folder (default: the usual search order).")
        Path dataDir;
        @Option(names = "--train-per-class", defaultValue = "60", description = "Train images per class (default: ${DEFAULT-VALUE}).")
        int trainPerClass;
        @Option(names = "--test-per-class", defaultValue = "20", description = "Test images per class (default: ${DEFAULT-VALUE}).")
        int testPerClass;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.")
        Path out;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            FashionMnistSubset.write(FashionMnist.load(dataDir), trainPerClass, testPerClass, out);
            spec.commandLine().getOut().printf("wrote %d train and %d test images to %s%n",
                    trainPerClass * FashionClass.COUNT, testPerClass * FashionClass.COUNT, out);
            return 0;
        }
    }
}

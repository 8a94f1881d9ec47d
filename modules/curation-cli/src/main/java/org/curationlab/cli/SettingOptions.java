package org.curationlab.cli;

import org.curationlab.data.DataWorld;
import org.curationlab.train.RunSpec;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.Setting;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's settings as options, built from {@link RunSchema}: {@code --KEY} for each setting, with
 * its label, default and help, so a command's options, their defaults and {@code --help} come from
 * the one declaration. Values stay text until {@link #read} hands them to the schema, which types
 * them and names the option in its errors.
 */
final class SettingOptions {
    private SettingOptions() {
    }

    /** Adds one option per setting to {@code spec}. */
    static CommandSpec add(CommandSpec spec, List<Setting<?>> settings) {
        for (Setting<?> s : settings) {
            OptionSpec.Builder o = OptionSpec.builder("--" + s.key()).description(forPicocli(s.help())).hidden(s.hidden());
            if (s.isFlag()) {
                o.arity("0").type(boolean.class);
            } else {
                o.arity("1").type(String.class).paramLabel(s.label());
                if (s.defaultText() != null) {
                    o.defaultValue(s.defaultText());
                }
            }
            if (s.candidates() != null) {
                o.completionCandidates(s.candidates());
            }
            spec.addOption(o.build());
        }
        return spec;
    }

    /** The run the command line describes: the defaults, with each of {@code settings} given on it. */
    static RunSpec read(CommandSpec spec, List<Setting<?>> settings) {
        ParseResult given = spec.commandLine().getParseResult();
        RunSpec run = RunSpec.defaults();
        List<String> keys = new java.util.ArrayList<>();
        for (Setting<?> s : settings) {
            String name = "--" + s.key();
            if (given == null || !given.hasMatchedOption(name)) {
                continue;
            }
            keys.add(s.key());
            Object value = spec.findOption(name).getValue();
            run = s.isFlag() ? run.with(s.key(), value) : run.withText(s.key(), (String) value, "--");
        }
        RunSpec.refuseBothReferenceBudgets(keys);
        return run;
    }

    /** The images the run's {@code --data-dir} names (or the usual search order when it names none). */
    static DataWorld world(RunSpec run) {
        String dataDir = run.data().dataDir();
        return DataWorld.load(dataDir == null ? null : Path.of(dataDir));
    }

    /** {@code curate train}: every setting of a run. */
    static final class Train implements IModelTransformer {
        static final List<Setting<?>> SETTINGS = RunSchema.ALL;

        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, SETTINGS);
        }
    }

    /**
     * {@code curate reference}: the settings a reference's training shares with a run (the pool it
     * draws noise from, or your own pairs and how they are read, the model, the budget, evaluation),
     * by the same keys and defaults.
     */
    static final class Reference implements IModelTransformer {
        static final List<Setting<?>> SETTINGS = Stream.of(
                RunSchema.of(Setting.Group.DATA, Setting.Group.PAIRS, Setting.Group.MODEL, Setting.Group.EVALUATION),
                List.<Setting<?>>of(RunSchema.ITERATIONS, RunSchema.BATCH, RunSchema.THREADS, RunSchema.CACHE_DIR)).flatMap(List::stream)
                // --shuffle-captions moves captions of a training run's pool only (curate train, sweeps).
                .filter(s -> s != RunSchema.SHUFFLE_CAPTIONS).toList();

        @Override
        public CommandSpec transform(CommandSpec spec) {
            add(spec, SETTINGS);
            // A level's reference defaults to a number of passes over its images (ReferenceBudget.DEFAULT_PASSES), not to 1000 steps.
            OptionSpec iterations = spec.findOption("--" + RunSchema.ITERATIONS.key());
            spec.remove(iterations);
            spec.addOption(iterations.toBuilder().description("Training steps (default: a level's reference takes --passes' 80 passes "
                    + "over its images; with --reference-pairs " + RunSchema.ITERATIONS.defaultValue() + ").").build());
            return spec;
        }
    }

    /**
     * {@code curate data info} and {@code data show}: the pool's settings (where the images are, size,
     * noise, seed; or your own pairs) and how your pairs are read.
     */
    static final class Data implements IModelTransformer {
        static final List<Setting<?>> SETTINGS = RunSchema.of(Setting.Group.DATA, Setting.Group.PAIRS).stream()
                // --shuffle-captions moves captions of a training run's pool only (curate train, sweeps).
                .filter(s -> s != RunSchema.SHUFFLE_CAPTIONS).toList();

        @Override
        public CommandSpec transform(CommandSpec spec) {
            return add(spec, SETTINGS);
        }
    }

    /**
     * {@code curate eval}: your own pairs to evaluate on ({@code --pairs}'s held-out split or
     * {@code --eval-pairs}) and how to read them; the image shape defaults to the checkpoint's, the
     * tokenizer is the checkpoint's own.
     */
    static final class Eval implements IModelTransformer {
        static final List<Setting<?>> SETTINGS = List.of(RunSchema.PAIRS, RunSchema.EVAL_PAIRS, RunSchema.MAX_BAD, RunSchema.IMAGE_SIZE,
                RunSchema.CHANNELS, RunSchema.IMAGE_COLUMN, RunSchema.CAPTION_COLUMN, RunSchema.LABEL_COLUMN, RunSchema.LABEL_FROM,
                RunSchema.CAPTION_FIRST_LINE, RunSchema.CACHE_DIR);

        @Override
        public CommandSpec transform(CommandSpec spec) {
            add(spec, SETTINGS.stream().filter(s -> s != RunSchema.IMAGE_SIZE && s != RunSchema.CHANNELS).toList());
            // The shape's default is the checkpoint's, not the schema's: no default value, and help that says so.
            for (Setting<?> s : List.<Setting<?>>of(RunSchema.IMAGE_SIZE, RunSchema.CHANNELS)) {
                spec.addOption(OptionSpec.builder("--" + s.key()).arity("1").type(String.class).paramLabel(s.label())
                        .description(forPicocli(s.help()).replaceFirst(" ?\\(default: \\$\\{DEFAULT-VALUE}\\)\\.$", ". Default: the checkpoint's.")).build());
            }
            return spec;
        }
    }

    /**
     * {@code curate prune}: the pool's settings and the pruners' (all but {@code --pool-pruning}, which
     * is its {@code --method}), by the same keys and defaults as {@code curate train --pool-pruning};
     * and the pruners listed below the options.
     */
    static final class Prune implements IModelTransformer {
        static final List<Setting<?>> SETTINGS = Stream.concat(RunSchema.of(Setting.Group.DATA, Setting.Group.PAIRS).stream(),
                RunSchema.of(Setting.Group.PRUNING).stream().filter(s -> s != RunSchema.POOL_PRUNING))
                // --shuffle-captions moves captions of a training run's pool only (curate train, sweeps).
                .filter(s -> s != RunSchema.SHUFFLE_CAPTIONS).toList();

        @Override
        public CommandSpec transform(CommandSpec spec) {
            return new PruneCommand.PrunerList().transform(add(spec, SETTINGS));
        }
    }

    /** A setting's help as picocli's description: picocli formats it, so a plain '%' (as in "10%") is doubled. */
    static String forPicocli(String help) {
        return help.replace("%", "%%");
    }
}

package org.curationlab.harness.sweep;

import org.curationlab.data.CurationException;
import org.curationlab.train.RunSpec;
import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.Setting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A sweep cell's settings made into its {@link RunSpec}: each value typed by the run schema, the
 * run checked once, before any cell runs. The run is what the cell's run.json holds and what its
 * child process (or Spark task) trains; nothing is parsed again on the way.
 */
public final class CellRuns {
    /** Settings the sweep itself decides for every cell. */
    static final Set<String> RESERVED = Set.of("out", "resume", "threads", "run");
    private static final Pattern FLAG = Pattern.compile("--([a-z0-9][a-z0-9-]*)");

    private CellRuns() {
    }

    /** The cells' runs; the first invalid setting is reported as {@code FILE:LINE: key: message (cell SLUG)}. */
    public static List<CellRun> plan(SweepSpec spec, List<SweepCell> cells) {
        List<CellRun> runs = new ArrayList<>();
        for (SweepCell cell : cells) {
            try {
                runs.add(new CellRun(cell, of(cell)));
            } catch (InvalidSetting e) {
                int line = e.key() == null ? 1 : spec.lineOf(e.key(), cell.settings().get(e.key()));
                throw new CurationException(spec.file() + ":" + line + ": " + (e.key() == null ? "" : e.key() + ": ") + e.getMessage()
                        + " (cell " + cell.slug() + ")");
            }
        }
        return runs;
    }

    /** The spec's cells and their runs. */
    public static List<CellRun> plan(SweepSpec spec) {
        return plan(spec, spec.cells());
    }

    /** A cell's run, checked; a bad setting is reported by its key. */
    public static RunSpec of(SweepCell cell) {
        RunSpec run = typed(cell);
        try {
            RunSpec.refuseBothReferenceBudgets(cell.settings().keySet());
            return run.check();
        } catch (CurationException e) {
            throw new InvalidSetting(blame(cell, e.getMessage()), e.getMessage());
        }
    }

    /** A cell's run with each setting typed by the schema, not yet checked as a whole. */
    public static RunSpec typed(SweepCell cell) {
        RunSpec run = RunSpec.defaults();
        for (Map.Entry<String, String> e : cell.settings().entrySet()) {
            String key = e.getKey();
            if (RESERVED.contains(key)) {
                throw new InvalidSetting(key, "is set by the sweep for every cell");
            }
            if (RunSchema.find(key) == null) {
                throw new InvalidSetting(key, "unknown setting; a sweep sets `curate train` options by their long name without dashes: "
                        + RunSchema.keys().stream().filter(k -> !RESERVED.contains(k)).sorted().collect(Collectors.joining(", ")));
            }
            try {
                run = set(run, RunSchema.find(key), e.getValue());
            } catch (Setting.Invalid x) {
                throw new InvalidSetting(key, x.getMessage());
            }
        }
        return run;
    }

    private static <T> RunSpec set(RunSpec run, Setting<T> setting, String text) {
        return run.with(setting, setting.parse(text));
    }

    /** The first setting of the cell a message names as {@code --key}. */
    private static String blame(SweepCell cell, String message) {
        Matcher m = FLAG.matcher(message);
        while (m.find()) {
            if (cell.settings().containsKey(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** A setting a cell cannot run with; {@code key} is null when no single setting is to blame. */
    public static final class InvalidSetting extends RuntimeException {
        private final String key;

        public InvalidSetting(String key, String message) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}

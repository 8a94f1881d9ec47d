package org.curationlab.pruning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.curationlab.data.CurationException;

/**
 * Pruning stages applied in order, each to what the previous one kept (docs/pruning.md; the DBP paper
 * prunes a pool that SemDeDup deduplicated first and, on DataComp, a CLIP-score filter cut). Written
 * as one value, stages joined by {@code +}: {@code semdedup+score:0.5+dbp:0.3}. A budgeted stage's
 * {@code :q} is the fraction of the <em>original</em> pool it leaves, so its output has
 * round(q · N) rows whatever the stages before it left; a pruner without a budget takes no fraction
 * (SemDeDup: its ε decides).
 * A stage written without one (only the last may be) takes {@code --keep}, so the single-method form
 * {@code dbp} with {@code --keep 0.3} is a one-stage pipeline and keeps exactly what it always kept.
 *
 * <p>Why {@code +} and not commas: a YAML flow list ({@code [none, semdedup,score:0.5]}) would split
 * a comma-joined pipeline into separate, individually valid cells without a word.
 */
public final class PruningPipeline {
    public static final String SEPARATOR = "+";

    private final List<PruningStage> stages;

    private PruningPipeline(List<PruningStage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** One stage per method, each with the given fraction (null for SemDeDup). */
    public static PruningPipeline of(List<PruningStage> stages) {
        return new PruningPipeline(stages);
    }

    /**
     * Parses {@code text}; {@code keep} is the fraction of a last stage written without one, and
     * {@code flag} names the option in errors ({@code --pool-pruning}, {@code --method}).
     */
    public static PruningPipeline parse(String text, double keep, String flag) {
        String example = " (stages joined by '+', each a pruner with the fraction of the original pool it leaves, e.g. "
                + "semdedup+score:0.5+dbp:0.3)";
        if (text == null || text.isBlank()) {
            throw new CurationException(flag + ": no pruning method given; expected one of " + Pruners.NAMES + example);
        }
        if (text.contains(",")) {
            throw new CurationException(flag + ": '" + text + "' has a comma; join pipeline stages with '+'" + example);
        }
        String[] parts = text.trim().split("\\+", -1);
        List<PruningStage> stages = new ArrayList<>();
        Double left = 1.0;
        String leftBy = "the pool";
        for (int s = 0; s < parts.length; s++) {
            String part = parts[s].trim();
            boolean last = s == parts.length - 1;
            String where = parts.length == 1 ? "" : " in '" + text.trim() + "'";
            if (part.isEmpty()) {
                throw new CurationException(flag + ": '" + text + "' has an empty stage" + example);
            }
            int colon = part.indexOf(':');
            String name = (colon < 0 ? part : part.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            Pruner pruner = Pruners.find(name).orElseThrow(() -> new CurationException(flag + ": '" + name + "'" + where
                    + " is not a pruner; expected one of " + Pruners.NAMES + (parts.length == 1 ? "" : example)));
            Double q = null;
            if (colon >= 0) {
                String v = part.substring(colon + 1).trim();
                try {
                    q = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new CurationException(flag + ": '" + part + "'" + where + ": '" + v + "' is not a number; expected the"
                            + " fraction of the original pool the stage leaves, in (0, 1]");
                }
                if (!(q > 0 && q <= 1)) {
                    throw new CurationException(flag + ": '" + part + "'" + where + ": " + v + " is outside (0, 1]; it is the"
                            + " fraction of the original pool the stage leaves");
                }
            }
            if (!pruner.takesBudget()) {
                if (q != null) {
                    throw new CurationException(flag + ": '" + part + "'" + where + ": " + name + " takes no fraction ("
                            + pruner.keptDecidedBy() + "); write '" + name + "'");
                }
                stages.add(new PruningStage(name, null));
                continue; // what it leaves is known only when it has run
            }
            if (q == null) {
                if (!last) {
                    throw new CurationException(flag + ": '" + part + "'" + where + " needs the fraction of the original pool it"
                            + " leaves, e.g. '" + name + ":0.5' (only the last stage may take --keep)");
                }
                if (!(keep > 0 && keep <= 1)) {
                    throw new CurationException("--keep " + keep + " is outside (0, 1]: it is the fraction of the pool to keep");
                }
                q = keep;
            }
            if (left != null && q > left) {
                throw new CurationException(flag + ": '" + name + ":" + PruningStage.fmt(q) + "'" + where + " asks for "
                        + PruningStage.fmt(q) + " of the original pool, but " + leftBy + " leaves only " + PruningStage.fmt(left)
                        + "; each stage's fraction must be at most the one before it");
            }
            left = q;
            leftBy = "'" + name + ":" + PruningStage.fmt(q) + "' before it";
            stages.add(new PruningStage(name, q));
        }
        return new PruningPipeline(stages);
    }

    public List<PruningStage> stages() {
        return stages;
    }

    /** The nominal fraction of the original pool the pipeline leaves: its last stage's, or null when SemDeDup ends it. */
    public Double finalFraction() {
        return stages.get(stages.size() - 1).fraction();
    }

    /** The pipeline without its last stage's fraction ({@code semdedup+score:0.5+dbp}): a method's line in a figure against the fraction kept. */
    public String withoutFinalFraction() {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            s.add(i == stages.size() - 1 ? stages.get(i).method() : stages.get(i).toString());
        }
        return String.join(SEPARATOR, s);
    }

    /** Whether any stage clusters by {@code --prune-embedding}. */
    public boolean usesClusterEmbedding() {
        return stages.stream().anyMatch(PruningStage::clustersByChoice);
    }

    @Override
    public String toString() {
        return String.join(SEPARATOR, stages.stream().map(PruningStage::toString).toList());
    }

    /** What one stage saw and kept; {@code kept} are rows of the original pool, ascending. */
    public record StageOutcome(PruningStage stage, int inputRows, int[] kept, PruneResult result) {
    }

    /** Every stage's outcome; the last one's rows are what the pipeline keeps. */
    public record Outcome(int poolSize, List<StageOutcome> stages) {
        public int[] kept() {
            return stages.get(stages.size() - 1).kept();
        }

        /** The last stage's result, with its rows mapped back to the original pool (for a single stage: the pruner's own result). */
        public PruneResult last() {
            StageOutcome s = stages.get(stages.size() - 1);
            PruneResult r = s.result();
            return stages.size() == 1 ? r : new PruneResult(r.method(), poolSize, s.kept(), r.clusters(), r.options());
        }
    }

    /**
     * Runs the stages on {@code in} (its embeddings are what SemDeDup compares; its scores are what
     * score filtering ranks). DBP and SSP cluster {@code clusterEmbeddings} (n × clusterDim, row for
     * row with {@code in}) when given, else {@code in}'s embeddings. {@code flag} names the option in
     * errors found only at run time (a stage asking for more rows than the stages before it left).
     */
    public Outcome run(PruneInput in, float[] clusterEmbeddings, int clusterDim, String flag) {
        int n = in.rows();
        PruneInput cluster = clusterEmbeddings == null ? in
                : new PruneInput(in.source(), clusterEmbeddings, n, clusterDim, in.assignments(), in.scores(), in.options());
        int[] rows = null; // null: every row of the pool
        List<StageOutcome> out = new ArrayList<>();
        for (PruningStage stage : stages) {
            int m = rows == null ? n : rows.length;
            PruneOptions o = in.options();
            if (stage.fraction() != null) {
                long target = Math.round(stage.fraction() * n);
                if (target < 1) {
                    throw new CurationException(flag + ": '" + stage + "' of " + n + " rows keeps no row; raise its fraction to at"
                            + " least " + (0.5 / n));
                }
                if (target > m) {
                    throw new CurationException(flag + ": '" + stage + "' asks for " + target + " rows (" + PruningStage.fmt(stage.fraction())
                            + " of the " + n + "-row pool) but the stages before it left " + m + " ("
                            + String.format(Locale.ROOT, "%.4f", m / (double) n) + "); lower its fraction to at most that");
                }
                o = o.with("keep", m == n ? stage.fraction() : keepOf((int) target, m));
            }
            PruneInput base = stage.clustersByChoice() ? cluster : in;
            PruneInput stageIn = (rows == null ? base : base.subset(rows)).withOptions(o);
            PruneResult r = stage.pruner().prune(stageIn);
            int[] kept = rows == null ? r.kept().clone() : map(rows, r.kept());
            out.add(new StageOutcome(stage, m, kept, r));
            rows = kept;
        }
        return new Outcome(n, out);
    }

    /** A keep fraction q with round(q · m) = target exactly. */
    static double keepOf(int target, int m) {
        double q = target / (double) m;
        while (Math.round(q * m) < target) {
            q = Math.nextUp(q);
        }
        while (Math.round(q * m) > target) {
            q = Math.nextDown(q);
        }
        return Math.min(1.0, q);
    }

    private static int[] map(int[] rows, int[] local) {
        int[] g = new int[local.length];
        for (int i = 0; i < local.length; i++) {
            g[i] = rows[local[i]];
        }
        Arrays.sort(g);
        return g;
    }
}

package org.curationlab.pruning;

import java.nio.file.Path;
import org.curationlab.data.CurationException;
import org.curationlab.data.io.Npy;

/**
 * What every pruner sees: a pool of {@code rows} embeddings of dimension {@code dim} (row-major
 * float32, as read from a {@code .npy}), optional cluster assignments (taken as given: centroids
 * are then the normalised means of their members) and optional per-row scores (for
 * {@link ScoreFilter}). Construction validates everything a user can get wrong and names the
 * source, row and flag at fault, so a pruner never runs on inconsistent input.
 *
 * @param source      a label for error messages, typically the embeddings file name
 * @param assignments null, or one cluster id in [0, k) per row
 * @param scores      null, or one finite score per row
 */
public record PruneInput(String source, float[] embeddings, int rows, int dim, int[] assignments,
                         double[] scores, PruneOptions options) {

    public PruneInput {
        if (source == null || source.isBlank()) {
            source = "embeddings";
        }
        if (embeddings == null) {
            throw new CurationException(source + ": no embeddings given");
        }
        if (options == null) {
            options = PruneOptions.defaults();
        }
        if (rows < 1 || dim < 1) {
            throw new CurationException(source + ": the pool is empty (" + rows + " rows × " + dim
                    + " dims); need at least one row and one dimension");
        }
        if ((long) rows * dim != embeddings.length) {
            throw new CurationException(source + ": " + embeddings.length + " values do not form a "
                    + rows + " × " + dim + " matrix");
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++) {
                float v = embeddings[i * dim + j];
                if (!Float.isFinite(v)) {
                    throw new CurationException(source + ": row " + i + " column " + j + " is " + v
                            + "; embeddings must be finite");
                }
            }
        }
        if (assignments != null) {
            if (assignments.length != rows) {
                throw new CurationException("assignments have " + assignments.length + " rows but "
                        + source + " has " + rows + "; they must match row for row");
            }
            for (int i = 0; i < rows; i++) {
                if (assignments[i] < 0 || assignments[i] >= options.k()) {
                    throw new CurationException("assignments row " + i + " = " + assignments[i]
                            + " is outside [0, k=" + options.k() + "); pass --clusters larger than the"
                            + " largest cluster id");
                }
            }
        }
        if (scores != null) {
            if (scores.length != rows) {
                throw new CurationException("scores have " + scores.length + " rows but " + source
                        + " has " + rows + "; they must match row for row");
            }
            for (int i = 0; i < rows; i++) {
                if (!Double.isFinite(scores[i])) {
                    throw new CurationException("scores row " + i + " is " + scores[i]
                            + "; scores must be finite");
                }
            }
        }
    }

    public static PruneInput of(float[] embeddings, int rows, int dim, PruneOptions options) {
        return new PruneInput("embeddings", embeddings, rows, dim, null, null, options);
    }

    /**
     * Reads the pool from {@code .npy} files, as the CLI does: a float32 N×d embeddings matrix
     * (any other dtype is refused with the file and its dtype named), optionally an integer
     * assignments vector and a numeric scores vector, each with one entry per row.
     */
    public static PruneInput fromFiles(Path embeddings, Path assignments, Path scores,
                                       PruneOptions options) {
        Npy.Array e = Npy.read(embeddings);
        float[] x = e.requireFloat32Matrix();
        int[] a = null;
        if (assignments != null) {
            Npy.Array arr = Npy.read(assignments);
            a = arr.requireIntVector();
            requireRows(assignments, a.length, embeddings, e.rows());
        }
        double[] sc = null;
        if (scores != null) {
            sc = Npy.read(scores).requireDoubleVector();
            requireRows(scores, sc.length, embeddings, e.rows());
        }
        return new PruneInput(embeddings.toString(), x, e.rows(), e.cols(), a, sc, options);
    }

    private static void requireRows(Path file, int rows, Path embeddings, int expected) {
        if (rows != expected) {
            throw new CurationException(file + " has " + rows + " rows but " + embeddings + " has "
                    + expected + "; they must match row for row");
        }
    }

    public PruneInput withSource(String s) {
        return new PruneInput(s, embeddings, rows, dim, assignments, scores, options);
    }

    public PruneInput withAssignments(int[] a) {
        return new PruneInput(source, embeddings, rows, dim, a, scores, options);
    }

    public PruneInput withScores(double[] s) {
        return new PruneInput(source, embeddings, rows, dim, assignments, s, options);
    }

    /** The given rows (indices into this pool), in that order, with their assignments and scores. */
    public PruneInput subset(int[] ids) {
        float[] e = new float[ids.length * dim];
        int[] a = assignments == null ? null : new int[ids.length];
        double[] s = scores == null ? null : new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(embeddings, ids[i] * dim, e, i * dim, dim);
            if (a != null) {
                a[i] = assignments[ids[i]];
            }
            if (s != null) {
                s[i] = scores[ids[i]];
            }
        }
        return new PruneInput(source, e, ids.length, dim, a, s, options);
    }

    public PruneInput withOptions(PruneOptions o) {
        return new PruneInput(source, embeddings, rows, dim, assignments, scores, o);
    }

    /**
     * N = round(keep · rows), the number of rows every budgeted pruner keeps. A budget of zero rows
     * is refused rather than returning an empty pool.
     */
    public int keepCount() {
        long n = Math.round(options.keep() * rows);
        if (n < 1) {
            throw new CurationException("--keep " + options.keep() + " of " + rows + " rows in "
                    + source + " keeps no row; raise --keep to at least " + (0.5 / rows));
        }
        return (int) Math.min(n, rows);
    }
}

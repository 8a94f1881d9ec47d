package org.curationlab.selection;

import org.curationlab.data.CurationException;
import org.curationlab.data.NativeArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The B×B work of scoring done as a few whole-matrix ND4J ops (native, vectorised, one exp per
 * entry is ≈6× cheaper than {@code Math.exp}), then copied out once to {@code float[]} for the
 * selectors' loops. Two measured pitfalls shape it (README, "Measured"): a fresh off-heap B×B
 * array costs ≈20 ms at B = 1280 on our boxes (page faults on every new native block), so every
 * temporary lives in a thread-local workspace that is reused from call to call; and
 * {@code DataBuffer.asFloat()} is ≈10× slower than a bulk NIO copy, so results leave through
 * {@link NativeArrays#copyOut}.
 */
final class Nd4jKernels {
    /** One workspace per thread, learnt on the first call and then reused: no native allocation per step. */
    private static final String WORKSPACE = "curationlab-selection-scoring";
    private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.1)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Nd4jKernels() {
    }

    static MemoryWorkspace workspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG, WORKSPACE);
    }

    /** Checks the shape of an input logit matrix and returns B. */
    static int checkSquare(String name, INDArray matrix) {
        if (matrix == null) {
            throw new CurationException(name + " is missing; expected a B×B matrix");
        }
        long[] shape = matrix.shape();
        if (shape.length != 2 || shape[0] != shape[1] || shape[0] == 0) {
            throw new CurationException(name + " has shape " + java.util.Arrays.toString(shape)
                    + "; expected a square B×B matrix");
        }
        if (shape[0] > 46_340) {
            throw new CurationException(name + " is " + shape[0] + "×" + shape[0]
                    + "; expected B ≤ 46340 so that B² fits a Java array");
        }
        return (int) shape[0];
    }

    /**
     * Each example's full-super-batch CLIP loss, ½((lse_j l_ij − l_ii) + (lse_j l_ji − l_ii)), for one
     * model: row log-sum-exps of l and of lᵀ (the scorer keeps both row-major; a row reduction is
     * ≈3× faster than a column one here), each shifted by its row max so that nothing overflows or
     * underflows to −∞.
     */
    static double[] clipLossTerms(float[] rowMajor, float[] transposed, int n) {
        double[] out = new double[n];
        try (MemoryWorkspace ignored = workspace()) {
            float[] row = rowLogSumExp(rowMajor, n);
            float[] col = rowLogSumExp(transposed, n);
            for (int i = 0; i < n; i++) {
                double d = rowMajor[i * n + i];
                out[i] = 0.5 * ((row[i] - d) + (col[i] - d));
            }
        }
        return out;
    }

    private static float[] rowLogSumExp(float[] rowMajor, int n) {
        INDArray l = NativeArrays.floats(rowMajor, n, n);
        INDArray max = l.max(1);
        INDArray lse = Transforms.log(Transforms.exp(l.subiColumnVector(max.reshape(n, 1)), false).sum(1), false)
                .addi(max);
        float[] out = new float[n];
        NativeArrays.copyOut(lse, out);
        return out;
    }

    /** Copies a square matrix of any type and ordering to a row-major float[]. */
    static float[] toRowMajor(INDArray matrix, int n) {
        float[] out = new float[n * n];
        try (MemoryWorkspace ignored = workspace()) {
            NativeArrays.copyOut(matrix, out);
        }
        return out;
    }
}

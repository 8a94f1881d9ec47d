package org.curationlab.models;

import java.util.Arrays;
import org.curationlab.data.CurationException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The text tower's input: token ids [n, L] as normalised token counts [n, V], so that the
 * masked mean of the token embeddings is one matmul, bag·E, in both engines.
 */
final class TokenBag {
    private TokenBag() {
    }

    /**
     * Row i: 1/len_i at each of caption i's non-pad tokens (counted with multiplicity). An
     * all-padding caption gives a zero row. {@code what} names the argument in errors.
     */
    static INDArray of(INDArray tokens, ModelConfig config, String what) {
        if (tokens == null || tokens.rank() != 2 || tokens.columns() != config.maxTokens()) {
            throw new CurationException(what + " must have shape [n, " + config.maxTokens()
                    + "] (model.maxTokens), got "
                    + (tokens == null ? "null" : Arrays.toString(tokens.shape())));
        }
        int n = Math.toIntExact(tokens.rows());
        int len = Math.toIntExact(tokens.columns());
        int vocab = config.vocabSize();
        double[] ids = tokens.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        float[] bag = new float[n * vocab];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < len; j++) {
                double id = ids[i * len + j];
                if (id != Math.rint(id) || id < 0 || id >= vocab) {
                    throw new CurationException(what + "[" + i + ", " + j + "] = " + id
                            + " is not a token id in [0, " + vocab + ") (model.vocabSize)");
                }
                if (id != 0) {
                    count++;
                }
            }
            for (int j = 0; j < len && count > 0; j++) {
                int id = (int) ids[i * len + j];
                if (id != 0) {
                    bag[i * vocab + id] += 1.0f / count;
                }
            }
        }
        return Nd4j.create(bag, new long[] {n, vocab}, 'c');
    }
}

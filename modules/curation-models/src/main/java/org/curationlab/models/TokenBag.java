package org.curationlab.models;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.curationlab.data.CurationException;
import org.curationlab.data.NativeArrays;
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
        int[] ids = ids(tokens, vocab, what);
        // Only the n·L entries that are not zero are written, straight into native memory: the
        // bag is n × vocabulary (megabytes for a vocabulary built from your own captions).
        INDArray bag = Nd4j.create(DataType.FLOAT, n, vocab);
        FloatBuffer values = bag.data().asNioFloat();
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < len; j++) {
                if (ids[i * len + j] != 0) {
                    count++;
                }
            }
            for (int j = 0; j < len && count > 0; j++) {
                int id = ids[i * len + j];
                if (id != 0) {
                    int at = i * vocab + id;
                    values.put(at, values.get(at) + 1.0f / count);
                }
            }
        }
        return bag;
    }

    /** The token ids row by row, each checked to be a whole number in [0, vocab). */
    private static int[] ids(INDArray tokens, int vocab, String what) {
        int len = Math.toIntExact(tokens.columns());
        // INT32, as every pool makes them, in one bulk copy; any other type (a wider one could
        // wrap into range) through doubles, which hold every id exactly.
        if (tokens.dataType() == DataType.INT32) {
            int[] ids = NativeArrays.toInts(tokens);
            for (int k = 0; k < ids.length; k++) {
                if (ids[k] < 0 || ids[k] >= vocab) {
                    throw notAnId(what, k / len, k % len, ids[k], vocab);
                }
            }
            return ids;
        }
        double[] values = tokens.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int[] ids = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            double id = values[k];
            if (id != Math.rint(id) || id < 0 || id >= vocab) {
                throw notAnId(what, k / len, k % len, id, vocab);
            }
            ids[k] = (int) id;
        }
        return ids;
    }

    private static CurationException notAnId(String what, int row, int column, Object id, int vocab) {
        return new CurationException(what + "[" + row + ", " + column + "] = " + id
                + " is not a token id in [0, " + vocab + ") (model.vocabSize)");
    }
}

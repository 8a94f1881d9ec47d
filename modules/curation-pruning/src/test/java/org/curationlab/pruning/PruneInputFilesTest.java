package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.curationlab.data.CurationException;
import org.curationlab.data.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruneInputFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsEmbeddingsAssignmentsAndScores() {
        Path e = dir.resolve("emb.npy");
        Path a = dir.resolve("assign.npy");
        Path s = dir.resolve("scores.npy");
        Npy.write(e, new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        Npy.write(a, new long[] {0, 1, 1}, 3);
        Npy.write(s, new float[] {0.5f, 0.25f, 1f}, 3);
        PruneInput in = PruneInput.fromFiles(e, a, s, PruneOptions.defaults().with("k", 2));
        assertEquals(3, in.rows());
        assertEquals(2, in.dim());
        assertArrayEquals(new int[] {0, 1, 1}, in.assignments());
        assertArrayEquals(new double[] {0.5, 0.25, 1}, in.scores(), 0);
        assertTrue(in.source().endsWith("emb.npy"));
    }

    @Test
    void float64EmbeddingsAreRefusedNamingFileAndDtype() {
        Path e = dir.resolve("emb64.npy");
        Npy.write(e, new double[] {1, 2}, 1, 2);
        CurationException ex = assertThrows(CurationException.class,
                () -> PruneInput.fromFiles(e, null, null, PruneOptions.defaults()));
        assertTrue(ex.getMessage().contains("emb64.npy") && ex.getMessage().contains("<f8"),
                ex.getMessage());
    }

    @Test
    void rowMismatchNamesBothFiles() {
        Path e = dir.resolve("emb.npy");
        Path a = dir.resolve("assign.npy");
        Npy.write(e, new float[] {1, 0, 0, 1}, 2, 2);
        Npy.write(a, new int[] {0, 1, 1}, 3);
        CurationException ex = assertThrows(CurationException.class,
                () -> PruneInput.fromFiles(e, a, null, PruneOptions.defaults()));
        assertTrue(ex.getMessage().contains("assign.npy") && ex.getMessage().contains("emb.npy"),
                ex.getMessage());
    }
}

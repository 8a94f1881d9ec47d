package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry, and that every pruner in it does what it says of itself: a pruner added to
 * {@link Pruners} is checked here without a line of this test changing.
 */
class PrunersTest {

    private static final String FLAG = "--method";

    static Stream<Pruner> pruners() {
        return Pruners.all().stream();
    }

    @Test
    void namesAreUniqueLowerCaseAndInRegistryOrder() {
        assertEquals(List.of("random", "ssp", "dbp", "semdedup", "score"), Pruners.NAMES, "the order error messages and help list");
        assertEquals(Pruners.NAMES.size(), new HashSet<>(Pruners.NAMES).size());
        for (String n : Pruners.NAMES) {
            assertEquals(n.toLowerCase(Locale.ROOT).trim(), n);
            assertFalse(n.contains("+") || n.contains(":") || n.contains(","), n + " would not parse in a pipeline");
        }
        assertEquals("ssp, dbp and semdedup", Pruners.namesOf(Pruner::clusters));
        assertEquals("ssp and dbp", Pruners.namesOf(Pruner::setsClusterQuotas));
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void aPrunerIsFoundByItsNameAndSaysWhatItIs(Pruner p) {
        assertSame(p, Pruners.byName(" " + p.name().toUpperCase(Locale.ROOT) + " "));
        assertFalse(p.summary().isBlank());
        assertTrue(!p.clustersChosenEmbedding() || p.clusters(), "only a clustering pruner can cluster --prune-embedding's choice");
        assertTrue(!p.setsClusterQuotas() || p.clusters(), "quotas are per cluster");
        assertEquals(p.keptDecidedBy() == null, p.takesBudget());
    }

    @Test
    void anUnknownNameListsTheRegistry() {
        CurationException e = assertThrows(CurationException.class, () -> Pruners.byName("dpb"));
        assertEquals("--method: 'dpb' is not a pruner; expected one of [random, ssp, dbp, semdedup, score]", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("pruners")
    void whatAPrunerSaysOfItselfIsWhatItDoes(Pruner p) {
        PruneInput in = PruningPipelineTest.pool(0.3);
        PruneResult r = p.prune(in);
        assertEquals(p.name(), r.method());
        if (p.takesBudget()) {
            assertEquals(Math.round(0.3 * in.rows()), r.kept().length, "a budget keeps round(keep * pool) rows");
        } else {
            CurationException e = assertThrows(CurationException.class, () -> PruningPipeline.parse(p.name() + ":0.5", 0.3, FLAG));
            assertTrue(e.getMessage().contains(p.name() + " takes no fraction (" + p.keptDecidedBy() + ")"), e.getMessage());
        }
        assertEquals(p.clusters(), !r.clusters().isEmpty(), "a clustering pruner reports its per-cluster table");
        if (p.setsClusterQuotas()) {
            assertEquals(r.kept().length, r.clusters().stream().mapToInt(ClusterStats::kept).sum(), "the quotas are what is kept");
        }
        // Only a pruner that clusters the chosen embedding reads it: given another embedding, the others keep the same rows.
        Synthetic other = Synthetic.clusters(8, 75, 16, 0.3, 99);
        PruningPipeline one = PruningPipeline.parse(p.name(), 0.3, FLAG);
        int[] chosen = one.run(in, other.x, 16, FLAG).kept();
        assertEquals(p.clustersChosenEmbedding(), !java.util.Arrays.equals(r.kept(), chosen));
        assertEquals(p.clustersChosenEmbedding(), one.usesClusterEmbedding());
    }
}

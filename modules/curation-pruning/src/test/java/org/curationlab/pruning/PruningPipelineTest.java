package org.curationlab.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Pipelines of pruning stages: parsing, order, fractions of the original pool, errors. */
class PruningPipelineTest {

    private static final String FLAG = "--pool-pruning";

    /** 8 clusters of unequal spread, 600 rows, a score per row (a random permutation, so no ties). */
    static PruneInput pool(double keep) {
        Synthetic s = Synthetic.clusters(new int[] {40, 120, 60, 90, 70, 100, 50, 70}, 16,
                new double[] {0.05, 0.2, 0.4}, 11);
        double[] scores = new double[s.n];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < s.n; i++) {
            scores[i] = rng.nextDouble();
        }
        return s.input(PruneOptions.defaults().with("k", 8).with("nn", 3).with("keep", keep).with("seed", 1)).withScores(scores);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dbp                       | 0.3 | dbp:0.3",
            "DBP:0.25                  | 0.3 | dbp:0.25",
            "semdedup                  | 0.3 | semdedup",
            "semdedup+score:0.5+dbp:0.3| 0.9 | semdedup+score:0.5+dbp:0.3",
            "semdedup + score:0.5 + ssp| 0.3 | semdedup+score:0.5+ssp:0.3",
            "score:0.5+random:0.5      | 0.3 | score:0.5+random:0.5",
    })
    void parsesStagesAndFractionsOfTheOriginalPool(String text, double keep, String canonical) {
        PruningPipeline p = PruningPipeline.parse(text, keep, FLAG);
        assertEquals(canonical, p.toString());
        assertEquals(canonical, PruningPipeline.parse(p.toString(), 0.99, FLAG).toString(), "the canonical form parses to itself");
    }

    @Test
    void aFigureLineIsThePipelineWithoutItsFinalFraction() {
        PruningPipeline p = PruningPipeline.parse("semdedup+score:0.5+dbp:0.3", 0.3, FLAG);
        assertEquals("semdedup+score:0.5+dbp", p.withoutFinalFraction());
        assertEquals(0.3, p.finalFraction());
        assertNull(PruningPipeline.parse("semdedup", 0.3, FLAG).finalFraction(), "SemDeDup's kept count is not known in advance");
        assertTrue(p.usesClusterEmbedding());
        assertTrue(!PruningPipeline.parse("semdedup+score:0.5", 0.3, FLAG).usesClusterEmbedding());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dpb                      | 'dpb' is not a pruner",
            "semdedup+dpb:0.3         | 'dpb' in 'semdedup+dpb:0.3' is not a pruner",
            "dbp:0                    | 0 is outside (0, 1]",
            "dbp:1.5                  | 1.5 is outside (0, 1]",
            "dbp:most                 | 'most' is not a number",
            "score:0.3+dbp:0.5        | asks for 0.5 of the original pool, but 'score:0.3' before it leaves only 0.3",
            "score+dbp:0.3            | 'score' in 'score+dbp:0.3' needs the fraction of the original pool",
            "semdedup:0.8+dbp:0.3     | semdedup takes no fraction",
            "semdedup,score:0.5       | join pipeline stages with '+'",
            "semdedup++dbp:0.3        | has an empty stage",
            "' '                      | no pruning method given",
    })
    void aBadPipelineIsOneErrorNamingTheFlagAndWhatWasExpected(String text, String fragment) {
        CurationException e = assertThrows(CurationException.class, () -> PruningPipeline.parse(text, 0.3, FLAG));
        assertTrue(e.getMessage().startsWith(FLAG + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment.trim()), e.getMessage());
    }

    static Stream<String> prunerNames() {
        return Pruners.NAMES.stream();
    }

    @ParameterizedTest
    @MethodSource("prunerNames")
    void theSingleMethodFormKeepsWhatThePrunerKeeps(String method) {
        PruneInput in = pool(0.3);
        PruningPipeline.Outcome o = PruningPipeline.parse(method, 0.3, FLAG).run(in, null, 0, FLAG);
        PruneResult direct = Pruners.byName(method).prune(in);
        assertEquals(1, o.stages().size());
        assertArrayEquals(direct.kept(), o.kept());
        assertEquals(direct.clusters(), o.last().clusters());
        assertEquals(direct.options(), o.last().options(), "the options, --keep included, reach the pruner unchanged");
    }

    @Test
    void eachStageSeesOnlyWhatThePreviousKeptAndLeavesItsFractionOfTheOriginal() {
        PruneInput in = pool(0.3);
        PruningPipeline p = PruningPipeline.parse("random:0.6+score:0.4+dbp:0.25", 0.3, FLAG);
        PruningPipeline.Outcome o = p.run(in, null, 0, FLAG);
        int n = in.rows();
        List<PruningPipeline.StageOutcome> s = o.stages();
        assertEquals(List.of(n, 360, 240), s.stream().map(PruningPipeline.StageOutcome::inputRows).toList());
        assertEquals(List.of(360, 240, 150), s.stream().map(x -> x.kept().length).toList(), "round(fraction x original) each");
        for (int i = 1; i < s.size(); i++) {
            assertTrue(subset(s.get(i).kept(), s.get(i - 1).kept()), "stage " + i + " keeps only rows the stage before kept");
        }
        // The score stage is the top 240 scores among the random stage's 360 rows, not among all 600.
        int[] randomKept = s.get(0).kept();
        double[] sc = Arrays.stream(randomKept).mapToDouble(i -> in.scores()[i]).sorted().toArray();
        double threshold = sc[sc.length - 240];
        for (int i : s.get(1).kept()) {
            assertTrue(in.scores()[i] >= threshold);
        }
        // The DBP stage is DBP run on the score stage's rows alone, to 150 of its 240.
        int[] scoreKept = s.get(1).kept();
        PruneResult alone = new DensityBasedPruner().prune(in.subset(scoreKept).withOptions(in.options().with("keep", 150 / 240.0)));
        assertArrayEquals(Arrays.stream(alone.kept()).map(i -> scoreKept[i]).sorted().toArray(), o.kept());
        assertEquals(n, o.last().poolSize());
        assertEquals(150, o.last().kept().length);
    }

    @Test
    void aFinalFractionAboveWhatSemDeDupLeftIsAnErrorAtRunTime() {
        // Every row twice: SemDeDup removes half of the pool, so dbp:0.6 cannot be met.
        PruneInput base = pool(0.3);
        int n = base.rows(), d = base.dim();
        float[] x = new float[2 * n * d];
        System.arraycopy(base.embeddings(), 0, x, 0, n * d);
        System.arraycopy(base.embeddings(), 0, x, n * d, n * d);
        PruneInput in = PruneInput.of(x, 2 * n, d, base.options());
        PruningPipeline p = PruningPipeline.parse("semdedup+dbp:0.6", 0.3, FLAG);
        CurationException e = assertThrows(CurationException.class, () -> p.run(in, null, 0, FLAG));
        assertTrue(e.getMessage().startsWith(FLAG + ": 'dbp:0.6' asks for 720 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("the stages before it left 600 (0.5000)"), e.getMessage());
        assertEquals(360, PruningPipeline.parse("semdedup+dbp:0.3", 0.3, FLAG).run(in, null, 0, FLAG).kept().length);
    }

    @Test
    void keepOfHitsTheTargetExactly() {
        for (int m = 1; m < 3000; m += 7) {
            for (int t = 1; t <= m; t += 1 + m / 13) {
                assertEquals(t, Math.round(PruningPipeline.keepOf(t, m) * m), t + " of " + m);
            }
        }
    }

    @Test
    void dbpAndSspClusterTheChosenEmbeddingWhileSemDeDupAndScoreUseTheirOwn() {
        // Image embeddings all in one tight blob; text embeddings in 4 clear clusters. Clustering the
        // text must find the 4 text clusters, clustering the images cannot.
        Synthetic text = Synthetic.clusters(4, 50, 8, 0.05, 3);
        Synthetic image = Synthetic.clusters(1, 200, 8, 0.3, 4);
        PruneOptions o = PruneOptions.defaults().with("k", 4).with("nn", 2).with("keep", 0.5);
        PruneInput in = PruneInput.of(image.x, 200, 8, o);
        PruningPipeline p = PruningPipeline.parse("dbp", 0.5, FLAG);
        PruneResult byText = p.run(in, PruneEmbedding.TEXT.select(image.x, text.x, 200, 8, "t"), 8, FLAG).last();
        assertEquals(List.of(50, 50, 50, 50), byText.clusters().stream().map(ClusterStats::size).sorted().toList());
        PruneResult byImage = p.run(in, null, 0, FLAG).last();
        assertArrayEquals(new DensityBasedPruner().prune(in).kept(), byImage.kept());
        float[] joint = PruneEmbedding.JOINT.select(image.x, text.x, 200, 8, "t");
        PruneResult byJoint = p.run(in, joint, 16, FLAG).last();
        assertEquals(100, byJoint.kept().length);
    }

    @Test
    void jointEmbeddingsAreTheNormalisedHalvesSideBySide() {
        float[] img = {3, 4, 0, 2};
        float[] txt = {0, 5, 1, 0};
        float[] j = PruneEmbedding.JOINT.select(img, txt, 2, 2, "t");
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1, 0, 1, 1, 0}, j, 1e-6f);
        assertEquals(4, PruneEmbedding.JOINT.dim(2));
        assertEquals(PruneEmbedding.JOINT, PruneEmbedding.parse(" Joint "));
        CurationException e = assertThrows(CurationException.class, () -> PruneEmbedding.parse("both"));
        assertTrue(e.getMessage().startsWith("--prune-embedding: 'both' is not one of [image, text, joint]"), e.getMessage());
    }

    private static boolean subset(int[] a, int[] b) {
        return Arrays.stream(a).allMatch(x -> Arrays.binarySearch(b, x) >= 0);
    }
}

package org.curationlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web pool, reference sets and the evaluation set, built on the fixture subset. */
class PoolTest {
    static final DataWorld WORLD = FashionMnistFixture.world();
    static final NoiseSpec NOISE = new NoiseSpec(0.2, 0.1, 0.1, 0.1, 0.5);

    static PairPool pool(long seed) {
        return WORLD.webPool(new PoolSpec(240, NOISE, seed));
    }

    @Test
    void partitionsAreDisjointAndBalanced() {
        assertEquals(500, WORLD.poolPartitionSize());
        assertEquals(100, WORLD.curatedPartitionSize());
        Set<Integer> poolSources = new HashSet<>();
        PairPool web = WORLD.webPool(new PoolSpec(400, NoiseSpec.NONE, 1));
        for (int i = 0; i < web.size(); i++) {
            poolSources.add(web.sourceIndex(i));
        }
        PairPool ref = WORLD.referenceSet(CurationLevel.CURATED, NOISE, 100, 1);
        for (int i = 0; i < ref.size(); i++) {
            assertFalse(poolSources.contains(ref.sourceIndex(i)), "reference image " + ref.sourceIndex(i) + " is also in the pool");
        }
    }

    @Test
    void measuredNoiseMatchesTheRequestedRates() {
        PoolComposition c = pool(0).composition();
        assertEquals(240, c.total());
        for (PairFlag f : PairFlag.values()) {
            assertEquals(NOISE.rate(f), c.fraction(f), 0.5 / 240 + 1e-9, f.label());
        }
    }

    @Test
    void sameSeedSamePoolDifferentSeedDifferentPool() {
        PairPool a = pool(7), b = pool(7), c = pool(8);
        assertArrayEquals(a.images().data().asFloat(), b.images().data().asFloat());
        assertArrayEquals(a.tokens().data().asInt(), b.tokens().data().asInt());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.caption(i), b.caption(i));
            assertEquals(a.flag(i), b.flag(i));
            assertEquals(a.duplicateOf(i), b.duplicateOf(i));
        }
        assertFalse(Arrays.equals(a.images().data().asFloat(), c.images().data().asFloat()));
    }

    @Test
    void duplicatesAreJitteredCopiesWithParaphrasedCaptions() {
        PairPool p = pool(3);
        int checked = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.flag(i) != PairFlag.DUPLICATE) {
                assertEquals(-1, p.duplicateOf(i));
                continue;
            }
            int o = p.duplicateOf(i);
            assertEquals(PairFlag.CLEAN, p.flag(o));
            assertEquals(p.classOf(o), p.classOf(i));
            assertEquals(p.sourceIndex(o), p.sourceIndex(i));
            assertFalse(Arrays.equals(p.image(o), p.image(i)), "a jittered copy is not identical");
            // Same class words: the paraphrase names the same class.
            FashionClass cls = FashionClass.of(p.classOf(i));
            assertTrue(cls.synonyms().stream().anyMatch(p.caption(i)::contains), p.caption(i));
            checked++;
        }
        assertEquals(24, checked);
    }

    /**
     * A near-duplicate is nearer its original (pixel cosine) than any distinct image in the pool;
     * otherwise no deduplicator could find it and "near" would be false.
     */
    @Test
    void duplicatesAreNearerTheirOriginalThanAnyDistinctImage() {
        PairPool p = WORLD.webPool(new PoolSpec(400, new NoiseSpec(0.2, 0.1, 0.1, 0.1, 0.0), 5));
        int dups = 0, nearest = 0;
        for (int i = 0; i < p.size(); i++) {
            if (p.flag(i) != PairFlag.DUPLICATE) {
                continue;
            }
            dups++;
            int o = p.duplicateOf(i);
            double toOriginal = cosine(p.image(i), p.image(o));
            double best = -1;
            for (int j = 0; j < p.size(); j++) {
                boolean copyOfSame = j == o || j == i || p.duplicateOf(j) == o || p.sourceIndex(j) == p.sourceIndex(o);
                if (!copyOfSame) {
                    best = Math.max(best, cosine(p.image(i), p.image(j)));
                }
            }
            if (toOriginal > best) {
                nearest++;
            }
        }
        assertEquals(40, dups);
        assertEquals(dups, nearest, "duplicates whose original is their nearest distinct image");
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return ab / Math.sqrt(aa * bb + 1e-12);
    }

    @Test
    void contentHashFollowsTheContent() {
        assertEquals(pool(3).contentHash(), pool(3).contentHash());
        assertNotEquals(pool(3).contentHash(), pool(4).contentHash());
    }

    @Test
    void misalignedCaptionsNameAnotherClass() {
        PairPool p = pool(4);
        for (int i = 0; i < p.size(); i++) {
            if (p.flag(i) == PairFlag.MISALIGNED) {
                FashionClass own = FashionClass.of(p.classOf(i));
                String cap = p.caption(i);
                // "boot" is inside "ankle boot", "top" inside "t-shirt"... compare whole synonyms only.
                boolean namesOwn = own.synonyms().stream().anyMatch(s -> (" " + cap + " ").contains(" " + s + " "));
                boolean namesOther = Arrays.stream(FashionClass.values()).filter(c -> c != own)
                        .flatMap(c -> c.synonyms().stream()).anyMatch(s -> (" " + cap + " ").contains(" " + s + " "));
                assertTrue(namesOther && !namesOwn, cap + " for a " + own.displayName());
            }
        }
    }

    @Test
    void corruptedImagesAreRuinedAndGenericCaptionsSayNothing() {
        PairPool p = pool(5);
        for (int i = 0; i < p.size(); i++) {
            if (p.flag(i) == PairFlag.CORRUPTED) {
                float[] original = WORLD.data().train().image(p.sourceIndex(i));
                float diff = 0;
                float[] img = p.image(i);
                for (int k = 0; k < 784; k++) {
                    diff += Math.abs(img[k] - original[k]);
                }
                assertTrue(diff / 784 > 0.05, "corruption changes the image a lot, got mean |diff| " + diff / 784);
            }
            if (p.flag(i) == PairFlag.GENERIC) {
                String cap = p.caption(i);
                assertTrue(Arrays.stream(FashionClass.values()).flatMap(c -> c.synonyms().stream())
                        .noneMatch(s -> (" " + cap + " ").contains(" " + s + " ")), cap);
            }
        }
    }

    @Test
    void longtailFollowsZipfOverASeededRanking() {
        int[] counts = PoolBuilder.classCounts(10_000, 1.0, Seeds.stream(0, "t"));
        assertEquals(10_000, Arrays.stream(counts).sum());
        int[] sorted = Arrays.stream(counts).sorted().toArray();
        // Zipf s=1 over 10 classes: the head holds 1/H_10 = 34.1%, the tail 3.4%.
        assertEquals(3414, sorted[9], 1);
        assertEquals(341, sorted[0], 1);
        int[] balanced = PoolBuilder.classCounts(1003, 0.0, Seeds.stream(0, "t"));
        assertEquals(1003, Arrays.stream(balanced).sum());
        assertTrue(Arrays.stream(balanced).allMatch(c -> c == 100 || c == 101));
    }

    @Test
    void aPoolLargerThanItsPartitionCanHoldIsAClearError() {
        CurationException e = assertThrows(CurationException.class,
                () -> WORLD.webPool(new PoolSpec(480, new NoiseSpec(0, 0, 0, 0, 1.0), 0)));
        assertTrue(e.getMessage().contains("longtail") && e.getMessage().contains("--pool-size"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(CurationLevel.class)
    void curationLevelsOrderTheirNoise(CurationLevel level) {
        PairPool ref = WORLD.referenceSet(level, NOISE, 40, 2);
        PoolComposition c = ref.composition();
        double expectedNoise = level.noise(NOISE).noiseRate();
        assertEquals(expectedNoise, c.noiseFraction(), 2.0 / 40 + 1e-9, level.key());
        if (level.noise(NOISE).longtail() == 0) {
            // Balanced before near-duplicates (which copy random pairs) are added.
            // Rich twins repeat an image with a second caption, so images are counted once.
            int[] perClass = new int[FashionClass.COUNT];
            int base = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < ref.size(); i++) {
                if (ref.flag(i) != PairFlag.DUPLICATE && seen.add(ref.sourceIndex(i))) {
                    perClass[ref.classOf(i)]++;
                    base++;
                }
            }
            int floor = base / FashionClass.COUNT;
            assertTrue(Arrays.stream(perClass).allMatch(k -> k == floor || k == floor + 1),
                    level.key() + " is class-balanced: " + Arrays.toString(perClass));
        }
    }

    @Test
    void curatedPlusCaptionsAreRicher() {
        PairPool plain = WORLD.referenceSet(CurationLevel.CURATED, NOISE, 80, 2);
        PairPool rich = WORLD.referenceSet(CurationLevel.CURATED_PLUS_PLUS, NOISE, 80, 2);
        assertTrue(meanWords(rich) > meanWords(plain) + 1, meanWords(rich) + " vs " + meanWords(plain));
    }

    @Test
    void richCaptionsSitBesideTheStandardOnesNeverInstead() {
        PairPool plain = WORLD.referenceSet(CurationLevel.CURATED, NOISE, 80, 2);
        PairPool plus = WORLD.referenceSet(CurationLevel.CURATED_PLUS, NOISE, 80, 2);
        PairPool plusPlus = WORLD.referenceSet(CurationLevel.CURATED_PLUS_PLUS, NOISE, 80, 2);
        assertEquals(80, plain.size());
        assertEquals(80 + 40, plus.size(), "curated-plus: a rich twin for half its 80 clean pairs");
        assertEquals(80 + 80, plusPlus.size(), "curated-plus-plus: a rich twin for every clean pair");
        // Every image of curated-plus-plus appears twice: its standard caption and a longer, rich one.
        java.util.Map<Integer, java.util.List<String>> byImage = new java.util.HashMap<>();
        for (int i = 0; i < plusPlus.size(); i++) {
            byImage.computeIfAbsent(plusPlus.sourceIndex(i), k -> new java.util.ArrayList<>()).add(plusPlus.caption(i));
        }
        assertEquals(80, byImage.size());
        for (java.util.List<String> caps : byImage.values()) {
            assertEquals(2, caps.size(), caps.toString());
            int a = attributesNamed(caps.get(0));
            int b = attributesNamed(caps.get(1));
            assertEquals(4, Math.max(a, b), "one rich caption: " + caps);
            assertTrue(Math.min(a, b) <= 2, "one standard caption: " + caps);
        }
    }

    /** How many of the four attributes a caption names (rich captions name all four). */
    static int attributesNamed(String caption) {
        java.util.List<String> words = WordTokenizer.words(caption);
        int n = 0;
        for (Attribute a : Attribute.values()) {
            if (java.util.Arrays.stream(a.words()).anyMatch(words::contains)) {
                n++;
            }
        }
        return n;
    }

    static double meanWords(PairPool p) {
        double words = 0;
        for (int i = 0; i < p.size(); i++) {
            words += WordTokenizer.words(p.caption(i)).size();
        }
        return words / p.size();
    }

    @Test
    void curationLevelNamesParse() {
        assertEquals(CurationLevel.CURATED_PLUS, CurationLevel.parse("curated-plus"));
        CurationException e = assertThrows(CurationException.class, () -> CurationLevel.parse("gold"));
        assertTrue(e.getMessage().contains("--curation-level") && e.getMessage().contains("half-noise"), e.getMessage());
    }

    @Test
    void evalSetHasCleanCaptionsAndPrompts() {
        PairPool eval = WORLD.evalSet(0);
        assertEquals(200, eval.size());
        assertEquals(1.0, eval.composition().fraction(PairFlag.CLEAN), 0);
        assertEquals(10, WORLD.classPromptTokens().size());
        assertEquals(FashionClass.SNEAKER.synonyms().size() * CaptionSynthesizer.PROMPTS.size(),
                WORLD.classPromptTokens().get(FashionClass.SNEAKER.ordinal()).length);
    }

    @Test
    void iteratorStreamsEveryPairOncePerEpochWithIds() {
        PairPool p = pool(6);
        PairPoolIterator it = new PairPoolIterator(p, 64, true, 9);
        Set<Long> seen = new HashSet<>();
        long[] firstEpochFirstIds = null;
        while (it.hasNext()) {
            MultiDataSet mds = it.next();
            assertEquals(DataType.FLOAT, mds.getFeatures(0).dataType());
            assertEquals(DataType.INT, mds.getFeatures(1).dataType());
            assertEquals(784, mds.getFeatures(0).size(1));
            assertEquals(p.maxTokens(), mds.getFeatures(1).size(1));
            long[] ids = mds.getLabels(0).data().asLong();
            if (firstEpochFirstIds == null) {
                firstEpochFirstIds = ids;
            }
            // Rows carry the pair they name.
            assertArrayEquals(p.tokens((int) ids[0]), mds.getFeatures(1).getRow(0).toIntVector());
            for (long id : ids) {
                assertTrue(seen.add(id), "pair " + id + " twice in one epoch");
            }
        }
        assertEquals(p.size(), seen.size());
        it.reset();
        assertNotEquals(Arrays.toString(firstEpochFirstIds), Arrays.toString(it.next().getLabels(0).data().asLong()),
                "a new epoch is reshuffled");
    }
}

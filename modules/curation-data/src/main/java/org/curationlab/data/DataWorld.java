package org.curationlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data world of docs/data.md in one place: the real images, their measured attributes, the split
 * of the train images into a pool partition and a disjoint curated partition, and the factories
 * for web pools, curated reference sets and the evaluation set.
 *
 * <p>The curated partition is the last sixth of each class's train images (1 000 per class on
 * the full data); the pool partition is the rest (5 000 per class). Test images are used only
 * for evaluation.
 */
public final class DataWorld {
    private final FashionMnist data;
    private final WordTokenizer tokenizer;
    private final AttributeBuckets attributeBuckets;
    private final int[][] trainBuckets;
    private final int[][] testBuckets;
    private final int[][] poolPartition;
    private final int[][] curatedPartition;

    private DataWorld(FashionMnist data, WordTokenizer tokenizer) {
        this.data = data;
        this.tokenizer = tokenizer;
        float[][] trainMeasured = measure(data.train());
        this.attributeBuckets = AttributeBuckets.fit(trainMeasured);
        this.trainBuckets = bucketAll(trainMeasured);
        this.testBuckets = bucketAll(measure(data.test()));
        int[][] byClass = indicesByClass(data.train());
        this.poolPartition = new int[FashionClass.COUNT][];
        this.curatedPartition = new int[FashionClass.COUNT][];
        for (int c = 0; c < FashionClass.COUNT; c++) {
            int nCurated = byClass[c].length / 6;
            int cut = byClass[c].length - nCurated;
            poolPartition[c] = Arrays.copyOfRange(byClass[c], 0, cut);
            curatedPartition[c] = Arrays.copyOfRange(byClass[c], cut, byClass[c].length);
        }
    }

    public static DataWorld of(FashionMnist data) {
        return new DataWorld(data, WordTokenizer.standard());
    }

    /** Locates (in the order docs/data.md gives), verifies and loads Fashion-MNIST. */
    public static DataWorld load(Path dataDirOption) {
        return of(FashionMnist.load(dataDirOption));
    }

    public FashionMnist data() {
        return data;
    }

    public WordTokenizer tokenizer() {
        return tokenizer;
    }

    public AttributeBuckets attributeBuckets() {
        return attributeBuckets;
    }

    public int poolPartitionSize() {
        return Arrays.stream(poolPartition).mapToInt(a -> a.length).sum();
    }

    public int curatedPartitionSize() {
        return Arrays.stream(curatedPartition).mapToInt(a -> a.length).sum();
    }

    /** The uncurated "web data" pool. */
    public PairPool webPool(PoolSpec spec) {
        return new PoolBuilder(data.train(), trainBuckets, tokenizer)
                .build("web-pool", poolPartition, spec.size(), spec.noise(), 0.0, spec.seed());
    }

    /** The reference set of a curation level at its preset size, for a pool of the given noise. */
    public PairPool referenceSet(CurationLevel level, NoiseSpec poolNoise, long seed) {
        return referenceSet(level, poolNoise, level.size(), seed);
    }

    /** The reference set of a curation level with an explicit size (e.g. for small data). */
    public PairPool referenceSet(CurationLevel level, NoiseSpec poolNoise, int size, long seed) {
        if (size <= 0) {
            throw new CurationException("--reference-size: " + size + " must be positive");
        }
        return new PoolBuilder(data.train(), trainBuckets, tokenizer)
                .build("reference-" + level.key(), curatedPartition, size, level.noise(poolNoise), level.richFraction(), seed);
    }

    /** Every test image with a clean caption written from its own pixels. */
    public PairPool evalSet(long seed) {
        ImageSet test = data.test();
        int n = test.count();
        int maxTokens = tokenizer.maxTokens();
        float[] images = new float[n * ImageSet.PIXELS];
        String[] captions = new String[n];
        int[] tokens = new int[n * maxTokens];
        int[] classes = new int[n], dup = new int[n], src = new int[n];
        PairFlag[] flags = new PairFlag[n];
        SplittableRandom rng = Seeds.stream(seed, "eval/captions");
        for (int i = 0; i < n; i++) {
            System.arraycopy(test.image(i), 0, images, i * ImageSet.PIXELS, ImageSet.PIXELS);
            classes[i] = test.label(i);
            captions[i] = CaptionSynthesizer.caption(FashionClass.of(classes[i]), testBuckets[i], CaptionStyle.STANDARD, rng);
            System.arraycopy(tokenizer.encode(captions[i]), 0, tokens, i * maxTokens, maxTokens);
            flags[i] = PairFlag.CLEAN;
            dup[i] = -1;
            src[i] = i;
        }
        return new PairPool("eval", images, captions, tokens, maxTokens, classes, flags, dup, src);
    }

    /** The zero-shot prompt ensemble: for each class, the token rows of all its prompts. */
    public List<int[][]> classPromptTokens() {
        List<int[][]> out = new ArrayList<>();
        for (FashionClass c : FashionClass.values()) {
            out.add(CaptionSynthesizer.classPrompts(c).stream().map(tokenizer::encode).toArray(int[][]::new));
        }
        return out;
    }

    private static float[][] measure(ImageSet set) {
        float[][] m = new float[set.count()][];
        for (int i = 0; i < set.count(); i++) {
            m[i] = PixelAttributes.measure(set.image(i));
        }
        return m;
    }

    private int[][] bucketAll(float[][] measured) {
        int[][] b = new int[measured.length][];
        for (int i = 0; i < measured.length; i++) {
            b[i] = attributeBuckets.bucket(measured[i]);
        }
        return b;
    }

    private static int[][] indicesByClass(ImageSet set) {
        int[] counts = set.classCounts();
        int[][] out = new int[FashionClass.COUNT][];
        for (int c = 0; c < out.length; c++) {
            out[c] = new int[counts[c]];
        }
        int[] at = new int[FashionClass.COUNT];
        for (int i = 0; i < set.count(); i++) {
            int c = set.label(i);
            out[c][at[c]++] = i;
        }
        return out;
    }
}

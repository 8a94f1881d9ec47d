package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings of a run on your own pairs: quiet in the records at their defaults, refused where the run would ignore them. */
class OwnPairsSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void quietSettingsStayOutOfRecordsAtTheirDefaults() throws IOException {
        String json = RunSpec.defaults().toJson();
        assertFalse(json.contains("\"pairs\"") || json.contains("image-size") || json.contains("max-bad"), json);
        Path csv = Files.writeString(tmp.resolve("p.csv"), "filepath,title\n");
        RunSpec run = RunSpec.defaults().with("pairs", csv.toString()).with("image-size", 32);
        assertTrue(run.toJson().contains("\"pairs\" : \"" + csv + "\"") && run.toJson().contains("\"image-size\" : 32"), run.toJson());
        assertEquals(run, RunSpec.fromJson(run.toJson(), "test"));
        assertTrue(run.ownPairs());
        assertEquals(32, run.pairsOptions(null).imageSize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "image-size=32                                  | --image-size: only with --pairs",
            "eval-pairs=PAIRS                               | --eval-pairs: needs --pairs",
            "shuffle-captions=0.3                           | --shuffle-captions: only with --pairs",
            "pairs=PAIRS,shuffle-captions=1.5               | --shuffle-captions: 1.5 must be a fraction in [0, 1]",
            "pairs=MISSING                                  | --pairs: MISSING does not exist",
            "pairs=PAIRS,pool-size=500                      | --pool-size: not with --pairs",
            "pairs=PAIRS,channels=2                         | --channels: 2 must be 1 (grey) or 3 (RGB)",
            "pairs=PAIRS,label-from=parent                  | --label-from: 'parent' is not one of none, folder",
            "pairs=PAIRS,max-tokens=0                       | --max-tokens: 0 must be at least 1",
            "pairs=PAIRS,method=learnability                | --reference: 'curated' is not a checkpoint file; with --pairs",
            "pairs=PAIRS,method=learnability,reference-pairs=PAIRS,reference=PAIRS | --reference-pairs: give either --reference FILE or --reference-pairs"})
    void refusedInOneLineNamingTheFlag(String settings, String expected) throws IOException {
        Path csv = Files.writeString(tmp.resolve("p.csv"), "filepath,title\n");
        RunSpec run = RunSpec.defaults().with("batch", 8);
        for (String kv : settings.split(",")) {
            String[] p = kv.split("=");
            String v = p[1].replace("PAIRS", csv.toString()).replace("MISSING", tmp.resolve("missing.csv").toString());
            run = run.withText(p[0], v, "--");
        }
        RunSpec r = run;
        CurationException e = assertThrows(CurationException.class, r::check);
        String want = expected.replace("MISSING", tmp.resolve("missing.csv").toString());
        assertTrue(e.getMessage().startsWith(want), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** On your pairs, --score-resolution takes the images' own sides besides 28 (full) and 14 (half), which keep their meaning. */
    @ParameterizedTest
    @CsvSource({"64, 64, 28", "64, 32, 14", "64, 28, 28", "64, 14, 14", "32, 16, 14", "56, 28, 28", "56, 14, 14", "28, 14, 14"})
    void scoreResolutionOnYourPairsNamesFullOrHalfOfTheirSide(int side, int given, int selected) throws IOException {
        Path csv = Files.writeString(tmp.resolve("p.csv"), "filepath,title\n");
        RunSpec run = RunSpec.defaults().with("pairs", csv.toString()).with("image-size", side).with("score-resolution", given);
        assertEquals(selected, run.selectionConfig().scoreResolution());
    }

    @Test
    void aScoreResolutionThatIsNeitherSideIsOneLineNamingBoth() throws IOException {
        Path csv = Files.writeString(tmp.resolve("p.csv"), "filepath,title\n");
        RunSpec run = RunSpec.defaults().with("pairs", csv.toString()).with("image-size", 64).with("score-resolution", 16);
        CurationException e = assertThrows(CurationException.class, run::selectionConfig);
        assertEquals("--score-resolution: 16 is neither side of the 64x64 images --pairs is decoded to (--image-size 64): give 64 or 28 "
                + "(full) or 32 or 14 (half, 2x2 average pooling)", e.getMessage());
        CurationException synthetic = assertThrows(CurationException.class,
                () -> RunSpec.defaults().with("score-resolution", 32).selectionConfig());
        assertEquals("--score-resolution: 32 must be 28 or 14", synthetic.getMessage(), "the synthetic world's images are 28x28");
    }

    @Test
    void heldOutSplitIsTenPercentDisjointAndTheSameEveryTime() {
        int[][] s = OwnPairsData.split(72);
        assertEquals(7, s[1].length);
        assertEquals(65, s[0].length);
        assertArrayEquals(IntStream.range(0, 72).toArray(), IntStream.concat(Arrays.stream(s[0]), Arrays.stream(s[1])).sorted().toArray());
        assertArrayEquals(s[1], OwnPairsData.split(72)[1]);
        assertEquals(2, OwnPairsData.split(5)[1].length, "at least two held out");
    }
}

package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.models.ImageTowerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The patch settings of a run (--patch, --flexi, --score-patch, --multi-res by patch): what they resolve to, what is refused. */
class PatchPlanTest {
    static RunSpec vit() {
        return RunSpec.defaults().with("tower", "vit").with("model", "S");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tower=cnn,patch=7         | --patch: the cnn tower has no patches; patch sizes need --tower vit",
            "tower=mlp,score-patch=14  | --score-patch: the mlp tower has no patches; patch sizes need --tower vit",
            "tower=cnn,flexi=4;7       | --flexi: the cnn tower has no patches; patch sizes need --tower vit",
            "tower=vit,patch=5         | --patch: patch size 5 does not tile the 28x28 image for the vit tower; use one of [4, 7, 14]",
            "tower=vit,score-patch=28  | --score-patch: patch size 28 does not tile the 28x28 image for the vit tower; use one of [4, 7, 14]",
            "tower=vit,flexi=4;5       | --flexi: patch size 5 does not tile the 28x28 image for the vit tower; use one of [4, 7, 14]",
            "tower=vit,flexi=4;x       | --flexi: '4,x' is not a list of patch sizes like 4,7,14",
            "tower=vit,flexi=7;7       | --flexi: patch 7 is listed twice in '7,7'",
            "tower=vit,flexi=4;7,patch=7 | --flexi: draws each step's patch; give it or --patch 7, not both",
            "tower=vit,patch=14,multi-res=0.25 | --multi-res: the vit tower trains that part of each batch at the larger patch 14, "
                    + "which must be larger than the training patch 14",
            "tower=mlp,multi-res=0.25  | --multi-res needs --tower cnn or vit",
            "tower=vit,score-resolution=14 | --score-resolution 14 needs --tower cnn: the vit tower only takes 28x28 (its cheap scoring "
                    + "is a larger patch: --score-patch 14)",
    })
    void refusedInOneLineNamingTheFlag(String settings, String message) {
        RunSpec run = RunSpec.defaults().with("model", "S").with("batch", 64).with("pool-size", 2000);
        for (String kv : settings.split(",")) {
            String[] p = kv.trim().split("=");
            run = run.withText(p[0], p[1].replace(';', ','), "--");
        }
        RunSpec r = run;
        CurationException e = assertThrows(CurationException.class, r::check);
        assertTrue(e.getMessage().startsWith(message.trim()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void yourPairsAtAnotherSideTakeThatSidesPatches() {
        // Your pairs decoded to 3x32x32: the ViT's base patch is 8 and a patch must tile 32 (4, 8, 16), not 28.
        RunSpec pairs = vit().withText("pairs", "pairs.csv", "--").with("image-size", 32).with("channels", 3);
        PatchPlan plan = pairs.trainConfig().patches();
        assertEquals(List.of(8), plan.patches());
        assertEquals(16, plan.largePatch());
        assertEquals(List.of(16), pairs.with("patch", 16).trainConfig().patches().patches());
        CurationException e = assertThrows(CurationException.class, () -> pairs.with("patch", 7).trainConfig());
        assertEquals("--patch: patch size 7 does not tile the 32x32 image for the vit tower; use one of [4, 8, 16]", e.getMessage());
    }

    @Test
    void defaultsAreTheBasePatchForTheVitAndNoneForTheOthers() {
        PatchPlan plan = vit().trainConfig().patches();
        assertEquals(List.of(7), plan.patches());
        assertEquals(14, plan.largePatch());
        assertFalse(plan.flexi());
        assertEquals(7, plan.patchAt(123));
        assertEquals(null, vit().selectionConfig().scorePatch(), "scores at the base patch, through the patch-less call");
        assertFalse(RunSpec.defaults().trainConfig().patches().byPatch());
        assertFalse(RunSpec.defaults().with("tower", "mlp").trainConfig().patches().byPatch());
    }

    @Test
    void scorePatchIsTheMultiResolutionPatchAndTheScoringPatch() {
        RunSpec run = vit().with("patch", 4).with("score-patch", 7).with("multi-res", 0.25);
        assertEquals(7, run.trainConfig().patches().largePatch());
        assertEquals(7, run.selectionConfig().scorePatch());
        assertEquals(4, vit().with("patch", 4).selectionConfig().scorePatch(), "without --score-patch the learner scores at --patch");
    }

    @Test
    void flexiDrawsEverySizeSeededByStep() {
        PatchPlan plan = vit().with("flexi", "4, 7,14").with("seed", 5L).trainConfig().patches();
        assertTrue(plan.flexi());
        Set<Integer> seen = new HashSet<>();
        for (long step = 0; step < 60; step++) {
            int p = plan.patchAt(step);
            seen.add(p);
            assertEquals(p, plan.patchAt(step), "the same step draws the same patch (resume)");
        }
        assertEquals(Set.of(4, 7, 14), seen);
        PatchPlan other = vit().with("flexi", "4,7,14").with("seed", 6L).trainConfig().patches();
        boolean differs = false;
        for (long step = 0; step < 60 && !differs; step++) {
            differs = plan.patchAt(step) != other.patchAt(step);
        }
        assertTrue(differs, "another seed draws another sequence");
    }
}

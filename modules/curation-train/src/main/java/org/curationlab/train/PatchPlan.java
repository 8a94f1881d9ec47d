package org.curationlab.train;

import org.curationlab.data.CurationException;
import org.curationlab.data.Seeds;
import org.curationlab.models.ImageShape;
import org.curationlab.models.ImageTowerKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The patch sizes a run of a patch tower (the ViT, docs/models.md) trains at, on one set of weights
 * (FlexiViT): one training patch ({@code --patch}), or FlexiViT's list with one size drawn per step
 * ({@code --flexi}, seeded by step, so a resumed run draws what an uninterrupted one does); and the
 * larger patch the multi-resolution part of a batch trains at ({@code --multi-res}: the scoring
 * patch, so the learner scores well where it scores, else the tower's largest). {@link #NONE} for a
 * tower without patches, whose runs go by resolution as before.
 *
 * @param patches    the training patch, or the sizes a step draws from; empty for a tower without patches
 * @param largePatch the patch of a batch's multi-resolution part (0 without patches)
 * @param seed       the run's seed, from which each step's draw is mixed
 */
public record PatchPlan(List<Integer> patches, int largePatch, long seed) {
    /** A run of a tower without patches (MLP, CNN). */
    public static final PatchPlan NONE = new PatchPlan(List.of(), 0, 0);

    public PatchPlan {
        patches = List.copyOf(patches);
    }

    /** The plan of a run with no patch setting: the tower's base patch (none for MLP and CNN). */
    public static PatchPlan defaults(ImageTowerKind tower, ImageShape shape, long seed) {
        List<Integer> sizes = tower.patchSizes(shape);
        return sizes.isEmpty() ? NONE : new PatchPlan(List.of(sizes.get(0)), largest(sizes), seed);
    }

    /**
     * The plan of a run's settings, each checked in the user's terms: a patch must be one the tower
     * takes (one that tiles the image: 4, 7 or 14 at 28×28; 4, 8 or 16 at 32×32 and 64×64), and only a
     * patch tower takes one.
     *
     * @param patch      {@code --patch}, or null for the base patch
     * @param flexi      {@code --flexi}, a comma-separated list, or null
     * @param scorePatch {@code --score-patch}, or null
     */
    public static PatchPlan of(ImageTowerKind tower, ImageShape shape, Integer patch, String flexi, Integer scorePatch,
                               double multiRes, long seed) {
        List<Integer> sizes = tower.patchSizes(shape);
        if (sizes.isEmpty()) {
            String flag = patch != null ? "--patch" : flexi != null ? "--flexi" : scorePatch != null ? "--score-patch" : null;
            if (flag != null) {
                throw new CurationException(flag + ": the " + name(tower) + " tower has no patches; patch sizes need --tower vit");
            }
            return NONE;
        }
        if (patch != null && flexi != null) {
            throw new CurationException("--flexi: draws each step's patch; give it or --patch " + patch + ", not both");
        }
        List<Integer> patches = new ArrayList<>();
        if (flexi != null) {
            for (String part : flexi.split(",", -1)) {
                int p;
                try {
                    p = Integer.parseInt(part.trim());
                } catch (NumberFormatException e) {
                    throw new CurationException("--flexi: '" + flexi + "' is not a list of patch sizes like "
                            + String.join(",", sorted(sizes).stream().map(String::valueOf).toList()));
                }
                requirePatch(tower, shape, p, "--flexi");
                if (patches.contains(p)) {
                    throw new CurationException("--flexi: patch " + p + " is listed twice in '" + flexi + "'");
                }
                patches.add(p);
            }
        } else {
            patches.add(patch != null ? requirePatch(tower, shape, patch, "--patch") : sizes.get(0));
        }
        int large = scorePatch != null ? requirePatch(tower, shape, scorePatch, "--score-patch") : largest(sizes);
        if (multiRes > 0 && large <= patches.stream().mapToInt(Integer::intValue).min().orElseThrow()) {
            throw new CurationException("--multi-res: the " + name(tower) + " tower trains that part of each batch at the larger patch "
                    + large + (scorePatch != null ? " (--score-patch)" : "") + ", which must be larger than the training patch "
                    + (flexi != null ? "(the smallest of --flexi " + flexi + ")" : patches.get(0)));
        }
        return new PatchPlan(patches, large, seed);
    }

    /** Whether the run trains by patch (a patch tower), not by resolution. */
    public boolean byPatch() {
        return !patches.isEmpty();
    }

    /** Whether each step draws its patch (FlexiViT). */
    public boolean flexi() {
        return patches.size() > 1;
    }

    /** The patch step {@code step} trains at: the one patch, or FlexiViT's uniform draw seeded by the step. */
    public int patchAt(long step) {
        if (patches.isEmpty()) {
            throw new IllegalStateException("a run without patches has no patch at a step");
        }
        return patches.size() == 1 ? patches.get(0)
                : patches.get(Seeds.stream(Seeds.mix(seed, "flexi-patch"), Long.toString(step)).nextInt(patches.size()));
    }

    /** A patch size the tower runs at, or one line naming the flag and the sizes that tile the image. */
    static int requirePatch(ImageTowerKind tower, ImageShape shape, int patch, String flag) {
        List<Integer> sizes = tower.patchSizes(shape);
        if (!sizes.contains(patch)) {
            int side = shape.side();
            throw new CurationException(flag + ": patch size " + patch + " does not tile the " + side + "x" + side + " image for the "
                    + name(tower) + " tower; use one of " + sorted(sizes));
        }
        return patch;
    }

    private static List<Integer> sorted(List<Integer> sizes) {
        return sizes.stream().sorted().toList();
    }

    private static int largest(List<Integer> sizes) {
        return sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static String name(ImageTowerKind tower) {
        return tower.name().toLowerCase(Locale.ROOT);
    }
}

package org.curationlab.models;

import java.util.List;
import java.util.Locale;

/**
 * The size ladder as a table — parameters and forward FLOPs per example at full and half
 * resolution (28×28 and 14×14 for the default 1×28×28 images), and for the ViT at each patch size —
 * computed from the configs without building graphs, for any image shape. The README's table is this
 * class's output: {@code java -cp ... org.curationlab.models.ModelLadder [channels side]}.
 */
public final class ModelLadder {
    private ModelLadder() {
    }

    /** Parameter count of a config, both towers, temperature and bias included. */
    public static long parameterCount(ModelConfig c) {
        return TowerParameters.initialise(c).values().stream().mapToLong(a -> a.length()).sum();
    }

    /** A Markdown table of the ladder for the default shape (embedDim 64, V 120, L 12) and 1×28×28 images. */
    public static String table() {
        return table(ImageShape.DEFAULT);
    }

    /** The ladder's table for images of a shape; towers that cannot take it are left out. */
    public static String table(ImageShape shape) {
        StringBuilder sb = new StringBuilder();
        sb.append("| tower | size | params | ×prev | image fwd FLOPs @" + shape.side(ImageResolution.FULL)
                + " | image fwd FLOPs @" + shape.side(ImageResolution.HALF)
                + " | text fwd FLOPs |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (ImageTowerKind kind : takers(shape)) {
            long previous = 0;
            for (ModelSize size : ModelSize.values()) {
                ModelConfig c = config(kind, size, shape);
                long params = parameterCount(c);
                String half = kind.accepts(ImageResolution.HALF)
                        ? String.format(Locale.ROOT, "%,d", FlopCount.imageForward(c, ImageResolution.HALF)) : "n/a";
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %,d | %s | %,d |%n",
                        kind, size, params,
                        previous == 0 ? "" : String.format(Locale.ROOT, "%.2f", (double) params / previous),
                        FlopCount.imageForward(c, ImageResolution.FULL), half, FlopCount.textForward(c)));
                previous = params;
            }
        }
        return sb.toString();
    }

    /** The default config of a rung for images of a shape. */
    static ModelConfig config(ImageTowerKind kind, ModelSize size, ImageShape shape) {
        return ModelConfig.defaults(kind, size).withImageShape(shape);
    }

    /** The towers that take images of a shape, in registry order. */
    static List<ImageTowerKind> takers(ImageShape shape) {
        return java.util.Arrays.stream(ImageTowerKind.values()).filter(k -> {
            try {
                k.requireShape(shape);
                return true;
            } catch (org.curationlab.data.CurationException e) {
                return false;
            }
        }).toList();
    }

    /**
     * The patch towers' ladder (the ViT): shape, parameters and forward FLOPs per 28×28 example at
     * each patch size the same weights run at (FlexiViT), smallest patch first.
     */
    public static String patchTable() {
        return patchTable(ImageShape.DEFAULT);
    }

    /** The patch towers' ladder for images of a shape. */
    public static String patchTable(ImageShape shape) {
        StringBuilder sb = new StringBuilder();
        for (ImageTowerKind kind : takers(shape)) {
            List<Integer> patches = kind.patchSizes(shape).stream().sorted().toList();
            if (patches.isEmpty()) {
                continue;
            }
            sb.append("| tower | size | width, depth, heads, MLP | params | ×prev |");
            patches.forEach(p -> sb.append(" image fwd FLOPs @patch ").append(p).append(" |"));
            sb.append("\n|---|---|---|---:|---:|");
            patches.forEach(p -> sb.append("---:|"));
            sb.append('\n');
            long previous = 0;
            for (ModelSize size : ModelSize.values()) {
                ModelConfig c = config(kind, size, shape);
                long params = parameterCount(c);
                int[] w = kind.widths(size);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d, %d, %d, %d | %,d | %s |", kind, size,
                        w[0], w[1], w[2], w[3], params,
                        previous == 0 ? "" : String.format(Locale.ROOT, "%.2f", (double) params / previous)));
                for (int p : patches) {
                    sb.append(String.format(Locale.ROOT, " %,d |", FlopCount.imageForwardAtPatch(c, p)));
                }
                sb.append('\n');
                previous = params;
            }
        }
        return sb.toString();
    }

    /** The tables for 1×28×28 images, or for {@code channels side} given as two arguments. */
    public static void main(String[] args) {
        ImageShape shape = args.length == 2 ? new ImageShape(Integer.parseInt(args[0]), Integer.parseInt(args[1]))
                : ImageShape.DEFAULT;
        System.out.print(table(shape));
        System.out.println();
        System.out.print(patchTable(shape));
    }
}

package org.curationlab.models;

import java.util.List;
import java.util.Locale;

/**
 * The size ladder as a table — parameters and forward FLOPs per example at 28×28 and 14×14 —
 * computed from the configs without building graphs. The README's table is this class's
 * output: {@code java -cp ... org.curationlab.models.ModelLadder}.
 */
public final class ModelLadder {
    private ModelLadder() {
    }

    /** Parameter count of a config, both towers, temperature and bias included. */
    public static long parameterCount(ModelConfig c) {
        return TowerParameters.initialise(c).values().stream().mapToLong(a -> a.length()).sum();
    }

    /** A Markdown table of the ladder for the default shape (embedDim 64, V 120, L 12). */
    public static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| tower | size | params | ×prev | image fwd FLOPs @28 | image fwd FLOPs @14 "
                + "| text fwd FLOPs |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (ImageTowerKind kind : ImageTowerKind.values()) {
            long previous = 0;
            for (ModelSize size : ModelSize.values()) {
                ModelConfig c = ModelConfig.defaults(kind, size);
                long params = parameterCount(c);
                String at14 = kind.accepts(ImageResolution.HALF)
                        ? String.format(Locale.ROOT, "%,d", FlopCount.imageForward(c, ImageResolution.HALF.side())) : "n/a";
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %,d | %s | %,d |%n",
                        kind, size, params,
                        previous == 0 ? "" : String.format(Locale.ROOT, "%.2f", (double) params / previous),
                        FlopCount.imageForward(c, ImageResolution.FULL.side()), at14, FlopCount.textForward(c)));
                previous = params;
            }
        }
        return sb.toString();
    }

    /**
     * The patch towers' ladder (the ViT): shape, parameters and forward FLOPs per 28×28 example at
     * each patch size the same weights run at (FlexiViT), smallest patch first.
     */
    public static String patchTable() {
        StringBuilder sb = new StringBuilder();
        for (ImageTowerKind kind : ImageTowerKind.values()) {
            List<Integer> patches = kind.patchSizes().stream().sorted().toList();
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
                ModelConfig c = ModelConfig.defaults(kind, size);
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

    public static void main(String[] args) {
        System.out.print(table());
        System.out.println();
        System.out.print(patchTable());
    }
}

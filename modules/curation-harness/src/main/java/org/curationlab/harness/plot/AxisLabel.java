package org.curationlab.harness.plot;

import org.curationlab.train.ComputeLedger;

/** The words an axis shows for a results column; a column without a name here shows as itself. */
public final class AxisLabel {
    private AxisLabel() {
    }

    public static String of(String column) {
        return switch (column) {
            case "iteration" -> "iterations";
            case ComputeLedger.EXAMPLES -> "examples seen";
            case ComputeLedger.TOTAL -> "total FLOPs";
            case ComputeLedger.TRAIN -> "training FLOPs";
            case "zeroshot_top1" -> "zero-shot top-1";
            case "probe_10shot" -> "10-shot probe top-1";
            case "filter-ratio" -> "filtering ratio f";
            case "wall_s" -> "wall-clock seconds";
            default -> column;
        };
    }
}

package org.curationlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.curationlab.data.CurationException;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelSize;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The CNN and the ViT side by side from one bench record ({@code curate bench --towers FILE}): per
 * rung of the ladder, each tower's parameters, GFLOP per training step, median ms and share of the
 * record's sgemm, from its {@code train-SIZE} and {@code train-vit-SIZE} rows (Markdown). The
 * parameters are counted on the models as built now; the other columns are the record's.
 */
public final class TowerTable {
    private TowerTable() {
    }

    public static String of(Path record) {
        Map<String, JsonNode> rows = BenchRecord.read(record, "--towers");
        StringBuilder sb = new StringBuilder("| size | CNN parameters | CNN GFLOP / step | CNN ms | CNN of sgemm "
                + "| ViT parameters | ViT GFLOP / step | ViT ms | ViT of sgemm |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int sizes = 0;
        for (ModelSize size : ModelSize.values()) {
            JsonNode cnn = rows.get("train-" + size);
            JsonNode vit = rows.get(VitBench.TRAIN + size);
            if (cnn == null && vit == null) {
                continue;
            }
            sizes++;
            sb.append("| ").append(size).append(" | ").append(cells(ImageTowerKind.CNN, size, cnn)).append(" | ")
                    .append(cells(ImageTowerKind.VIT, size, vit)).append(" |\n");
        }
        if (sizes == 0) {
            throw new CurationException("--towers: " + record + " has no train-SIZE or train-vit-SIZE rows; expected a curate bench --json record");
        }
        return sb.toString();
    }

    /** One tower's four cells of a rung, dashes where the record lacks its row. */
    private static String cells(ImageTowerKind tower, ModelSize size, JsonNode row) {
        if (row == null) {
            return "— | — | — | —";
        }
        double ms = BenchRecord.number(row, "ms");
        double gflops = BenchRecord.number(row, "gflops");
        double ratio = BenchRecord.number(row, "ratio_to_sgemm");
        return String.format(Locale.ROOT, "%s | %.2f | %.1f | %s", grouped(Bench.model(tower, size).parameterCount()),
                gflops * ms / 1000, ms, Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.3f", ratio));
    }

    /** 128962 as "128 962", the thin grouping of the project's tables. */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}

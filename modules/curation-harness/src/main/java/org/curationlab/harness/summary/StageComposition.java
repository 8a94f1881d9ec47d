package org.curationlab.harness.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.data.CurationException;
import org.curationlab.data.NoiseSpec;
import org.curationlab.train.RunProvenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each stage of a pool-pruning pipeline kept, by provenance kind: from the {@code pruning-stages} (older records: {@code pruning_stages})
 * each cell's provenance.json records, averaged over the group's cells (the pool is fixed; k-means,
 * SSP and random pruning are seeded by the run's seed, so the kept sets differ a little between
 * seeds). A group whose cells prune nothing shows its full pool, counted as the pool is built:
 * {@code round(rate × size)} pairs of each noise kind, the rest clean.
 */
public final class StageComposition {
    public static final List<String> KINDS = List.of("clean", "misaligned", "generic", "corrupted", "duplicate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StageComposition() {
    }

    /**
     * A Markdown table, a line per group and stage.
     *
     * @param groups group label → its cells' folders (cells/ID), in order
     */
    public static String markdown(Map<String, List<Path>> groups, String groupName) {
        StringBuilder s = new StringBuilder("| " + groupName + " | stage | kept | of pool | " + String.join(" | ", KINDS) + " |\n| --- | --- | --- | --- | ");
        KINDS.forEach(k -> s.append("--- | "));
        s.setLength(s.length() - 1);
        s.append('\n');
        groups.forEach((group, cells) -> {
            List<JsonNode> settings = new ArrayList<>();
            cells.stream().sorted().forEach(c -> settings.add(settings(c)));
            JsonNode first = settings.get(0).path("pruning-stages");
            if (!first.isArray() || first.isEmpty()) {
                Map<String, Long> pool = fullPool(poolKey(settings.get(0)), cells.get(0));
                long total = pool.values().stream().mapToLong(Long::longValue).sum();
                s.append("| ").append(group).append(" | (full pool) | ").append(total).append(" | 1.00 |");
                KINDS.forEach(k -> s.append(' ').append(pool.get(k)).append(" |"));
                s.append('\n');
                return;
            }
            for (int i = 0; i < first.size(); i++) {
                List<JsonNode> same = new ArrayList<>();
                for (JsonNode st : settings) {
                    JsonNode stages = st.path("pruning-stages");
                    if (stages.size() > i) {
                        same.add(stages.get(i));
                    }
                }
                JsonNode stage = first.get(i);
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f |", group, stage.path("stage").asText(),
                        whole(mean(same, n -> n.path("kept").asDouble())), stage.path("kept_of_pool").asDouble()));
                for (String k : KINDS) {
                    s.append(' ').append(whole(mean(same, n -> n.path("kept_by_kind").path(k).asDouble(0)))).append(" |");
                }
                s.append('\n');
            }
        });
        return s.toString();
    }

    /** A mean count to the nearest whole pair, a tie to the even one (as the Python report printed it: 60.5 is 60). */
    static String whole(double v) {
        return Decimals.fixed(v, 0);
    }

    private static double mean(List<JsonNode> nodes, java.util.function.ToDoubleFunction<JsonNode> f) {
        return MeanSd.of(nodes.stream().mapToDouble(f).toArray()).mean();
    }

    private static JsonNode settings(Path cell) {
        Path p = cell.resolve("provenance.json");
        if (!Files.isRegularFile(p)) {
            throw new CurationException(p + ": does not exist; the stages each cell kept are read from its provenance");
        }
        // Under today's keys whenever the run was written (RunProvenance maps the older spellings).
        return JSON.valueToTree(RunProvenance.settings(p));
    }

    /** The pool as {@code size=N;noise=...}: older records wrote it as one key, schema-era ones as their two settings. */
    private static String poolKey(JsonNode settings) {
        return settings.has("pool") ? settings.path("pool").asText("")
                : "size=" + settings.path("pool-size").asText("") + ";noise=" + settings.path("noise").asText("");
    }

    /** The kinds of an unpruned pool from its key ({@code size=N;noise=...;seed=S}), as PoolBuilder counts them. */
    static Map<String, Long> fullPool(String key, Path cell) {
        int size = -1;
        NoiseSpec noise = null;
        for (String part : key.split(";")) {
            if (part.startsWith("size=")) {
                size = Integer.parseInt(part.substring(5));
            } else if (part.startsWith("noise=")) {
                noise = NoiseSpec.parse(part.substring(6));
            }
        }
        if (size < 0 || noise == null) {
            throw new CurationException(cell.resolve("provenance.json") + ": settings.pool '" + key + "' does not say the pool's size and noise");
        }
        long dup = Math.round(noise.duplicate() * size);
        long base = size - dup;
        long mis = Math.min(Math.round(noise.misaligned() * size), base);
        long gen = Math.min(Math.round(noise.generic() * size), base - mis);
        long cor = Math.min(Math.round(noise.corrupted() * size), base - mis - gen);
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("clean", base - mis - gen - cor);
        out.put("misaligned", mis);
        out.put("generic", gen);
        out.put("corrupted", cor);
        out.put("duplicate", dup);
        return out;
    }
}

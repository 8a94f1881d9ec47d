package org.curationlab.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation metrics of docs/data.md, by the names the result rows and {@code curate eval --json}
 * use. "Error" for the scaling fits is 1 − zero-shot top-1 unless a sweep says otherwise.
 */
public record Metrics(double zeroshotTop1, double i2tR1, double i2tR5, double t2iR1, double t2iR5, double probe10shot) {
    public static final String[] NAMES = {"zeroshot_top1", "i2t_r1", "i2t_r5", "t2i_r1", "t2i_r5", "probe_10shot"};

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("zeroshot_top1", zeroshotTop1);
        m.put("i2t_r1", i2tR1);
        m.put("i2t_r5", i2tR5);
        m.put("t2i_r1", t2iR1);
        m.put("t2i_r5", t2iR5);
        m.put("probe_10shot", probe10shot);
        return m;
    }
}

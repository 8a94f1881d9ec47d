package org.curationlab.cli;

import org.curationlab.data.CurationException;
import org.curationlab.data.Seeds;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.curationlab.data.pairs.OwnPairs;
import org.curationlab.data.pairs.PairsLoader;
import org.curationlab.data.pairs.Skip;
import org.curationlab.data.view.OwnPairsGrid;
import org.curationlab.train.RunSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** {@code curate data info|show --pairs SOURCE}: what your own pairs hold, and a look at them. */
final class PairsView {
    /** Caption lengths in words: the histogram's bins (upper bounds). */
    private static final int[] BINS = {2, 5, 10, 20, 50, Integer.MAX_VALUE};
    private static final int LIST = 12;

    private PairsView() {
    }

    static OwnPairs load(PairsOptionsMixin o, RunSpec run) {
        return PairsLoader.load(Path.of(run.data().pairs()), o.options(run), o.skipped);
    }

    static Path skippedFile(PairsOptionsMixin o, OwnPairs p) {
        return o.skipped != null ? o.skipped : PairsLoader.defaultSkippedFile(p);
    }

    static void info(OwnPairs p, Path skippedFile, int examples, int minCount, int maxTokens, PrintWriter out) {
        // Keys, labels, captions and file names come from the data: printed escaped, never as terminal commands (TerminalText).
        out.printf("pairs       %s (%s)%n", TerminalText.escaped(String.valueOf(p.source())), p.kind());
        out.printf(Locale.ROOT, "loaded      %d pairs of %d items; %d skipped (%.1f%%)%n", p.size(), p.candidates(), p.skipped(),
                100.0 * p.skipped() / Math.max(1, p.candidates()));
        out.printf("images      %d x %d, %s, longer side scaled, padded with white, alpha on white%n", p.side(), p.side(),
                p.channels() == 1 ? "grey" : "RGB");
        out.printf("cache       %s (%s)%n", p.cacheFile() == null ? "none" : p.cacheFile(),
                p.fromCache() ? "read: the source is unchanged, nothing decoded" : "written: decoded now");
        out.printf("%nsizes seen  %d distinct (as stored, width x height)%n", p.sizesSeen().size());
        int shown = 0;
        for (Map.Entry<String, Integer> e : p.sizesSeen().entrySet()) {
            if (shown++ == LIST) {
                out.printf("  ... and %d more sizes%n", p.sizesSeen().size() - LIST);
                break;
            }
            out.printf("  %-13s %6d%n", e.getKey(), e.getValue());
        }
        int[] lengths = p.captions().stream().mapToInt(c -> CaptionTokenizer.words(c).size()).sorted().toArray();
        out.printf("%ncaption length in words  min %d, median %d, max %d%n", lengths[0], lengths[lengths.length / 2], lengths[lengths.length - 1]);
        int[] counts = new int[BINS.length];
        for (int len : lengths) {
            int b = 0;
            while (len > BINS[b]) {
                b++;
            }
            counts[b]++;
        }
        int most = Arrays.stream(counts).max().orElse(1);
        for (int b = 0; b < BINS.length; b++) {
            String range = BINS[b] == Integer.MAX_VALUE ? (BINS[b - 1] + 1) + "+" : (b == 0 ? 0 : BINS[b - 1] + 1) + "-" + BINS[b];
            out.printf("  %-7s %6d  %s%n", range, counts[b], "#".repeat((int) Math.ceil(40.0 * counts[b] / Math.max(1, most))));
        }
        CaptionTokenizer tok = CaptionTokenizer.build(p.captions(), minCount, 0, maxTokens);
        long distinct = p.captions().stream().flatMap(c -> CaptionTokenizer.words(c).stream()).distinct().count();
        long cut = Arrays.stream(lengths).filter(l -> l > maxTokens).count();
        out.printf("vocabulary  %d words seen at least %s, of %d distinct (+ <pad>, <unk>); %d captions longer than %d words are cut%n",
                tok.vocabSize() - 2, minCount == 1 ? "once" : minCount == 2 ? "twice" : minCount + " times", distinct, cut, maxTokens);
        if (p.labelled()) {
            int[] perLabel = new int[p.labelNames().size()];
            for (int i = 0; i < p.size(); i++) {
                perLabel[p.label(i)]++;
            }
            List<Integer> order = new ArrayList<>();
            for (int l = 0; l < perLabel.length; l++) {
                order.add(l);
            }
            order.sort((a, b) -> perLabel[b] != perLabel[a] ? perLabel[b] - perLabel[a] : p.labelNames().get(a).compareTo(p.labelNames().get(b)));
            out.printf("%nlabels      %d%n", perLabel.length);
            for (int k = 0; k < order.size(); k++) {
                if (k == 2 * LIST) {
                    out.printf("  ... and %d more labels%n", order.size() - k);
                    break;
                }
                out.printf("  %-24s %6d%n", TerminalText.escaped(p.labelNames().get(order.get(k))), perLabel[order.get(k)]);
            }
        } else {
            out.printf("%nlabels      none%n");
        }
        out.printf("%nskipped     %d%n", p.skipped());
        Map<Skip.Reason, Integer> byReason = new EnumMap<>(Skip.Reason.class);
        p.skips().forEach(s -> byReason.merge(s.reason(), 1, Integer::sum));
        byReason.forEach((r, n) -> out.printf("  %-38s %6d%n", r.label(), n));
        for (int k = 0; k < Math.min(5, p.skipped()); k++) {
            out.printf("  e.g. %s%n", TerminalText.escaped(p.skips().get(k).line()));
        }
        if (skippedFile != null) {
            out.printf("  all listed in %s%n", TerminalText.escaped(skippedFile.toString()));
        }
        out.printf("%nexample captions%n");
        for (int i = 0; i < Math.min(examples, p.size()); i++) {
            String label = p.label(i) >= 0 ? TerminalText.escaped(p.labelNames().get(p.label(i))) : "";
            String caption = p.caption(i).replaceAll("[\\s\\u0085\\u2028\\u2029]+", " ");
            // Shown on one line: a long caption is cut here only (the pairs keep it whole).
            if (caption.codePointCount(0, caption.length()) > 100) {
                caption = caption.substring(0, caption.offsetByCodePoints(0, 99)) + "…";
            }
            out.printf("  %-28s %-14s \"%s\"%n", TerminalText.escaped(p.key(i)), label, TerminalText.oneLine(caption));
        }
        out.flush();
    }

    static int[] show(OwnPairs p, int samples, int cols, long seed, Path png) {
        if (samples < 1) {
            throw new CurationException("--samples: " + samples + " must be at least 1");
        }
        SplittableRandom rng = Seeds.stream(seed, "data-show-pairs");
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            all.add(i);
        }
        int n = Math.min(samples, p.size());
        int[] ids = new int[n];
        for (int k = 0; k < n; k++) {
            ids[k] = all.remove(rng.nextInt(all.size()));
        }
        Arrays.sort(ids);
        String title = "pairs: " + p.source() + " (" + p.kind() + "), " + p.size() + " pairs, " + p.skipped() + " skipped"
                + "\nimages " + p.side() + " x " + p.side() + " " + (p.channels() == 1 ? "grey" : "RGB")
                + ", padded with white; " + n + " random samples, seed " + seed;
        OwnPairsGrid.write(p, ids, cols, title, png);
        return ids;
    }
}

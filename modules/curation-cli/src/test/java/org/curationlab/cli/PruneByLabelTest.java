package org.curationlab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** curate prune --pairs: what was kept of each label, in the web pool's by-kind format; without labels, one line saying so. */
class PruneByLabelTest {
    private static String table(List<String> names, int[] labels, int[] kept) {
        StringWriter s = new StringWriter();
        PruneCommand.printByLabel(new PrintWriter(s, true), names, labels, kept);
        return s.toString();
    }

    @Test
    void keptShareOfEachLabelThenTheTotal() {
        // Pairs 0..5 labelled cat, cat, dog, dog, dog, (none); kept 0, 2, 3, 5.
        String t = table(List.of("cat", "dog"), new int[]{0, 0, 1, 1, 1, -1}, new int[]{0, 2, 3, 5});
        assertEquals(String.join("\n",
                "label           pool     kept kept/pool",
                "cat                2        1    0.5000",
                "dog                3        2    0.6667",
                "(no label)         1        1    1.0000",
                "total              6        4    0.6667", ""), t);
    }

    @Test
    void aLabelNeitherPrintedRawNorLeftOutWhenNothingOfItIsKept() {
        String t = table(List.of("a\u001B[2Jb", "rare"), new int[]{0, 0, 1}, new int[]{0});
        assertEquals(String.join("\n",
                "label           pool     kept kept/pool",
                "a\\e[2Jb            2        1    0.5000",
                "rare               1        0    0.0000",
                "total              3        1    0.3333", ""), t);
    }

    @Test
    void withoutLabelsItSaysThereIsNoBreakdown() {
        assertEquals("no breakdown of what was kept: the pairs carry no labels (--label-column NAME or --label-from folder) "
                + "and no provenance kinds\n", table(List.of(), new int[]{-1, -1}, new int[]{1}));
    }
}

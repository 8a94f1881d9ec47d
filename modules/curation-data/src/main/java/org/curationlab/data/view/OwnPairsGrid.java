package org.curationlab.data.view;

import org.curationlab.data.pairs.OwnPairs;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws your own pairs as a grid of images with their captions, in {@link PoolSampleGrid}'s
 * drawing: the tag names the item (its key's last part, and its label), the caption follows,
 * drawn as plain text with its line breaks and tabs shown as spaces.
 */
public final class OwnPairsGrid {
    private static final Color TAG = new Color(0x1565c0);

    private OwnPairsGrid() {
    }

    public static void write(OwnPairs pairs, int[] ids, int cols, String title, Path out) {
        PoolSampleGrid.write(cells(pairs, ids), cols, title, out);
    }

    static List<PoolSampleGrid.Cell> cells(OwnPairs pairs, int[] ids) {
        List<PoolSampleGrid.Cell> cells = new ArrayList<>();
        for (int id : ids) {
            String key = pairs.key(id);
            String tag = key.substring(key.lastIndexOf('/') + 1)
                    + (pairs.label(id) >= 0 ? " · " + pairs.labelNames().get(pairs.label(id)) : "");
            cells.add(new PoolSampleGrid.Cell(pairs.image(id), pairs.channels(), pairs.side(), tag, TAG, flat(pairs.caption(id))));
        }
        return cells;
    }

    /** One line of printable text: control characters and runs of white space become one space. */
    static String flat(String s) {
        return s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}

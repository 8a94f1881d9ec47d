package org.curationlab.data.view;

import org.curationlab.data.pairs.OwnPairs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code curate data show} draws captions as the text they are: markup and entities are shown, not obeyed. */
class OwnPairsGridTest {
    private static OwnPairs pairs(String... captions) {
        int n = captions.length, side = 4;
        byte[] pixels = new byte[n * side * side];
        Arrays.fill(pixels, (byte) 200);
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("cats/item" + i);
        }
        int[] unlabelled = new int[n];
        Arrays.fill(unlabelled, -1);
        return new OwnPairs("/tmp/x", "folder", side, 1, keys, List.of(captions), unlabelled, List.of(), pixels,
                Map.of("4 x 4", n), List.of(), n, null, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert('x')</script>", "Tom & Jerry &amp; friends", "<html><b>bold</b></html>",
            "a\tcaption\nwith\u001b[31m control characters"})
    void captionsAreDrawnAsTheCharactersTheyHold(String caption) {
        List<PoolSampleGrid.Cell> cells = OwnPairsGrid.cells(pairs(caption), new int[]{0});
        String shown = cells.get(0).caption();
        assertEquals(caption.replaceAll("[\\p{Cntrl}\\s]+", " "), shown, "only control characters and line breaks become spaces");
        assertFalse(shown.chars().anyMatch(Character::isISOControl));
        FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        List<String> lines = PoolSampleGrid.captionLines(shown, fm);
        assertEquals(("\"" + shown + "\"").replace(" ", ""), String.join("", lines).replace(" ", ""),
                "every character drawn, nothing escaped into entities or dropped as a tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>bold</b>", "&amp;"})
    void markupIsNotSwallowed(String marked) {
        // Drawn as text, "<b>bold</b>" takes more ink than "bold" (and "&amp;" more than "&").
        String plain = marked.equals("&amp;") ? "&" : "bold";
        BufferedImage a = PoolSampleGrid.render(OwnPairsGrid.cells(pairs(marked), new int[]{0}), 1, "t");
        BufferedImage b = PoolSampleGrid.render(OwnPairsGrid.cells(pairs(plain), new int[]{0}), 1, "t");
        assertTrue(ink(a) > ink(b), ink(a) + " vs " + ink(b));
    }

    private static long ink(BufferedImage img) {
        long dark = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}

package org.curationlab.data.view;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.data.NoiseSpec;
import org.curationlab.data.PairPool;
import org.curationlab.data.PoolSpec;
import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid's text stays inside the picture: the title wraps to its width, tags to their cells. */
class PoolSampleGridTest {
    @Test
    void aLongTitleWrapsInsideThePicture() {
        PairPool pool = FashionMnistFixture.world().webPool(new PoolSpec(200, NoiseSpec.WEB, 1));
        String title = "web pool: 200 pairs, seed 1\nnoise " + NoiseSpec.WEB + ",and,some,more,kinds,to,make,it,longer,than,the,grid";
        BufferedImage img = PoolSampleGrid.render(pool, new int[]{0, 1, 2, 3}, 4, title);
        // Nothing is drawn in the title band's right margin (text cut off at the edge would be).
        for (int x = img.getWidth() - 6; x < img.getWidth(); x++) {
            for (int y = 0; y < 60; y++) {
                assertEquals(0xffffff, img.getRGB(x, y) & 0xffffff, "ink at (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void wrappingBreaksAfterCommasAndKeepsEveryCharacter() {
        FontMetrics fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics()
                .getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        String text = "noise misaligned=0.2,generic=0.1,corrupted=0.1,duplicate=0.1,longtail=0.5";
        List<String> lines = PoolSampleGrid.wrap(text, fm, 200);
        assertTrue(lines.size() > 1, lines.toString());
        lines.forEach(l -> assertTrue(fm.stringWidth(l) <= 200, l));
        assertEquals(text.replace(" ", ""), String.join("", lines).replace(" ", ""));
    }
}

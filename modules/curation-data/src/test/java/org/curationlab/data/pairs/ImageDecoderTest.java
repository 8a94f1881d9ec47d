package org.curationlab.data.pairs;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Alpha on white, aspect kept by white padding, grey as luma. */
class ImageDecoderTest {
    private static int at(byte[] px, int channel, int side, int x, int y) {
        return px[channel * side * side + y * side + x] & 0xff;
    }

    @Test
    void theTwelveMonkeysReadersAreRegistered() {
        // WebP comes only from TwelveMonkeys; its JPEG reader (CMYK, damaged metadata) must come first.
        assertEquals(true, javax.imageio.ImageIO.getImageReadersByFormatName("webp").hasNext());
        assertEquals("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader",
                javax.imageio.ImageIO.getImageReadersByFormatName("jpeg").next().getClass().getName());
    }

    @Test
    void transparentPixelsBecomeWhite() throws BadItem {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB); // all transparent black
        ImageDecoder.Decoded d = ImageDecoder.decode(new ImageRef.InMemory(PairsFixture.encode(img, "png")), 4, 3, 1000);
        for (byte b : d.pixels()) {
            assertEquals(255, b & 0xff);
        }
        assertEquals(10, d.width());
    }

    @Test
    void aWideImageIsScaledToTheSideAndPaddedAboveAndBelow() throws BadItem {
        byte[] png = PairsFixture.image("png", 40, 20, Color.RED);
        ImageDecoder.Decoded d = ImageDecoder.decode(new ImageRef.InMemory(png), 8, 3, 1000);
        assertEquals(40, d.width());
        assertEquals(20, d.height());
        // 40 x 20 -> 8 x 4, rows 2..5; rows 0, 1, 6, 7 are white padding.
        for (int x = 0; x < 8; x++) {
            assertEquals(255, at(d.pixels(), 1, 8, x, 0), "green of padding at row 0");
            assertEquals(255, at(d.pixels(), 1, 8, x, 7), "green of padding at row 7");
            assertEquals(255, at(d.pixels(), 0, 8, x, 3), "red at row 3");
            assertEquals(0, at(d.pixels(), 1, 8, x, 3), "green at row 3");
        }
    }

    @Test
    void greyIsLumaOfTheColours() throws BadItem {
        byte[] png = PairsFixture.image("png", 16, 16, new Color(200, 100, 50));
        ImageDecoder.Decoded d = ImageDecoder.decode(new ImageRef.InMemory(png), 4, 1, 1000);
        assertEquals(16, d.pixels().length);
        assertEquals(Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50), d.pixels()[5] & 0xff);
    }

    @Test
    void aLargeImageDownscalesWithoutAliasing() throws BadItem {
        // One-pixel black and white stripes average to mid grey, not to one of the two.
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                img.setRGB(x, y, x % 2 == 0 ? 0xffffff : 0);
            }
        }
        ImageDecoder.Decoded d = ImageDecoder.decode(new ImageRef.InMemory(PairsFixture.encode(img, "png")), 8, 1, 100_000);
        for (byte b : d.pixels()) {
            assertEquals(128, b & 0xff, 20);
        }
    }
}

package org.curationlab.cli;

import org.curationlab.data.FashionMnistFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataCommandTest {
    @TempDir
    Path tmp;

    static String fixture() {
        return FashionMnistFixture.dir().toString();
    }

    @Test
    void infoReportsSplitsAndMeasuredComposition() {
        CliRun r = CliRun.of("data", "info", "--data-dir", fixture(), "--pool-size", "200", "--seed", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("train       600 images"), r.out());
        assertTrue(r.out().contains("test        200 images"), r.out());
        assertTrue(r.out().contains("misaligned      0.200    0.2000      40"), r.out());
        assertTrue(r.out().contains("example captions"), r.out());
    }

    @Test
    void showDrawsAPng() throws IOException {
        Path png = tmp.resolve("grid.png");
        CliRun r = CliRun.of("data", "show", "--data-dir", fixture(), "--pool-size", "200", "--out", png.toString());
        assertEquals(0, r.exitCode(), r.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 400 && img.getHeight() > 500, img.getWidth() + "x" + img.getHeight());
    }

    /** --out is guarded as every report's: never a results table, never an existing CSV, never the pairs drawn. */
    @ParameterizedTest
    @ValueSource(strings = {"results.csv", "pairs.csv", "table.csv"})
    void showNeverDrawsOverATableOrItsInput(String name) throws IOException {
        Path pairsCsv = java.nio.file.Files.writeString(tmp.resolve("pairs.csv"), "filepath,caption\n");
        Path out = java.nio.file.Files.writeString(tmp.resolve(name), "a,b\n1,2\n");
        CliRun r = CliRun.of("data", "show", "--data-dir", fixture(), "--pool-size", "200", "--out", out.toString(),
                "--pairs", pairsCsv.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--out: " + out) && r.clean(), r.err());
        assertEquals("a,b\n1,2\n", java.nio.file.Files.readString(out), "untouched");
    }

    /**
     * Keys, labels and captions are the data's own text: ESC sequences (clear screen, set the
     * terminal's title, colour), carriage returns and a right-to-left override are printed as
     * escapes, never sent to the terminal.
     */
    @Test
    void infoOnYourPairsPrintsControlCharactersEscaped() throws IOException {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("pairs"));
        String[] files = {"plain.png", "esc\u001B[2Jkey.png", "third.png"};
        for (String f : files) {
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(f).toFile());
        }
        String csv = "filepath,title,label\n"
                + files[0] + ",\"a red\u001B[2J\u001B]0;pwned\u0007 circle\",sha\u001B[31mpe\n"
                + files[1] + ",\"over\rwritten\r\nnext line\",\"cr\rlabel\"\n"
                + files[2] + ",\"file \u202Egnp.exe\u200B\",ok\n";
        Path list = java.nio.file.Files.writeString(dir.resolve("pairs.csv"), csv);
        CliRun r = CliRun.of("data", "info", "--pairs", list.toString(), "--label-column", "label", "--max-bad", "0",
                "--cache-dir", tmp.resolve("cache").toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        for (char c : new char[]{'\u001B', '\r', '\u0007', '\u202E', '\u200B'}) {
            assertEquals(-1, out.indexOf(c), "U+" + Integer.toHexString(c) + " reached the terminal: " + out);
        }
        assertTrue(out.contains("\"a red\\e[2J\\e]0;pwned\\u0007 circle\""), out);
        assertTrue(out.contains("\"over written next line\""), "white space in a caption is one space: " + out);
        assertTrue(out.contains("\"file \\u202Egnp.exe\\u200B\""), out);
        assertTrue(out.contains("sha\\e[31mpe") && out.contains("cr\\rlabel"), "labels: " + out);
        assertTrue(out.contains("esc\\e[2Jkey"), "keys: " + out);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "plain text, ünïcödé — fine | plain text, ünïcödé — fine",
            "\\u001B[1m | \\e[1m",
            "a\\rb\\tc\\nd | a\\rb\\tc\\nd",
            "c1 \\u009B31m | c1 \\u009B31m",
            "del \\u007F | del \\u007F"})
    void terminalTextEscapesWhatIsNotPrintable(String raw, String shown) {
        String in = raw.replace("\\u001B", "\u001B").replace("\\r", "\r").replace("\\t", "\t").replace("\\n", "\n")
                .replace("\\u009B", "\u009B").replace("\\u007F", "\u007F");
        assertEquals(shown, TerminalText.escaped(in));
    }

    @Test
    void missingDatasetIsOneClearMessage() {
        CliRun r = CliRun.of("data", "info", "--data-dir", tmp.resolve("nowhere").toString());
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("dataset-fashion-mnist") && r.err().contains("nowhere"), r.err());
        assertTrue(r.clean(), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"misaligned=1.2", "misaligned=0.7,generic=0.7", "smudged=0.1"})
    void badNoiseNamesTheFlag(String noise) {
        CliRun r = CliRun.of("data", "info", "--data-dir", fixture(), "--noise", noise);
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("--noise"), r.err());
        assertTrue(r.clean(), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("data", "info", "--colour", "blue");
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("--colour"), r.err());
    }

    @Test
    void everyVerbDocumentsItself() {
        List<CommandLine> all = new ArrayList<>();
        collect(Curate.commandLine(), all);
        assertTrue(all.size() >= 4);
        for (CommandLine cl : all) {
            if (cl.getCommandName().equals("help")) {
                continue;
            }
            assertTrue(cl.getUsageMessage().startsWith("Usage: "), cl.getCommandName());
            assertTrue(!cl.getCommandSpec().usageMessage().description()[0].isBlank(), cl.getCommandName() + " has a description");
            cl.getCommandSpec().options().forEach(o ->
                    assertTrue(o.description().length > 0 && !o.description()[0].isBlank(), cl.getCommandName() + " " + o.longestName()));
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}

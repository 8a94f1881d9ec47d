package org.curationlab.cli;

import org.curationlab.data.FashionMnistFixture;
import org.curationlab.data.WordTokenizer;
import org.curationlab.models.ImageTowerKind;
import org.curationlab.models.ModelConfig;
import org.curationlab.models.ModelSize;
import org.curationlab.models.TwoTowerModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The holes of issue #18: each bad input is one clear line naming the file, flag or value, and
 * exit 2 (never a stack trace or exit 70); spreadsheet-saved CSVs are read as they are.
 */
class UserErrorsTest {
    @TempDir
    Path tmp;

    static void assertUserError(CliRun r, String... fragments) {
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.clean(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in " + r.err());
        }
    }

    /** A name from your data that holds terminal controls is quoted escaped: the line is shown, not obeyed. */
    @Test
    void anErrorQuotingYourDataEscapesTerminalControls() {
        String name = "pairs\u001b]0;owned\u0007\rdone.tsv";
        CliRun r = CliRun.of("train", "--pairs", tmp.resolve(name).toString(), "--iterations", "1", "--out", tmp.resolve("run").toString());
        assertUserError(r, "--pairs", "pairs\\e]0;owned\\u0007\\rdone.tsv", "does not exist");
        assertTrue(r.err().chars().noneMatch(c -> c == 0x1B || c == 0x07 || c == '\r'), r.err());
    }

    /** Rows of two groups on saturating curves; {@code top1} replaces one row's zeroshot_top1. */
    private Path runsCsv(String header, String top1, String lineEnd, boolean bom) throws IOException {
        StringBuilder csv = new StringBuilder(bom ? "\uFEFF" : "").append(header).append(lineEnd);
        int row = 0;
        for (String g : new String[]{"uniform", "fast"}) {
            for (int seed = 0; seed < 3; seed++) {
                for (int it = 100; it <= 3200; it *= 2) {
                    double x = g.equals("fast") ? 4.0 * it : it;
                    double acc = 0.9 - 5 * Math.pow(x, -0.5) * (1 + 0.01 * (seed - 1));
                    row++;
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%s", g, seed, it,
                            row == 3 && top1 != null ? top1 : String.format(Locale.ROOT, "%.6f", acc)));
                    if (header.split(",").length == 5) {
                        csv.append(",x");
                    }
                    csv.append(lineEnd);
                }
            }
        }
        Path p = tmp.resolve("runs.csv");
        Files.writeString(p, csv);
        return p;
    }

    private CliRun fit(Path runs, String... extra) {
        String[] base = {"fit", "--runs", runs.toString(), "--x", "iteration", "--by", "method", "--out", tmp.resolve("fit.json").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void fitNamesFileRowAndColumnOfANonNumericValue() throws IOException {
        Path runs = runsCsv("method,seed,iteration,zeroshot_top1", "n/a", "\n", false);
        assertUserError(fit(runs), runs + ": row 3: column 'zeroshot_top1' has value 'n/a'");
        assertUserError(fit(runs, "--y", "zeroshot_top1"), runs + ": row 3: column 'zeroshot_top1' has value 'n/a'");
    }

    @Test
    void fitReadsCsvWithCrlfAndByteOrderMark() throws IOException {
        CliRun r = fit(runsCsv("method,seed,iteration,zeroshot_top1", null, "\r\n", true));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("fast"), r.out());
    }

    @Test
    void aColumnNamedTwiceIsRefused() throws IOException {
        Path runs = runsCsv("method,seed,iteration,zeroshot_top1,zeroshot_top1", null, "\n", false);
        assertUserError(fit(runs), runs + ": column 'zeroshot_top1' appears twice in the header (columns 4 and 5)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--pool-size 2000 --batch 5000 | --batch: 5000 is larger than --pool-size 2000",
            "--pool-size 2000 --batch 256 --method learnability --filter-ratio 0.9 | --batch 256 with --filter-ratio 0.9 makes super-batches of 2560 pairs, more than --pool-size 2000",
            "--iterations -5 | --iterations: -5 must be at least 1",
            "--iterations 0 | --iterations: 0 must be at least 1",
            "--warmup -1 | --warmup: -1",
            "--reference-iterations 400 --reference-passes 80 | give either --reference-iterations or --reference-passes, not both",
            "--reference-passes 0 | --reference-passes: 0.0 is not a positive number of passes",
            "--reference-passes NaN | --reference-passes: NaN is not a positive number of passes",
            "--reference-iterations 0 | --reference-iterations: 0 must be at least 1",
    })
    void trainNamesTheUsersFlag(String flags, String message) {
        String[] args = ("train --reference curated --out " + tmp.resolve("run") + " " + flags).split(" ");
        CliRun r = CliRun.of(args);
        assertUserError(r, message);
        assertTrue(!r.err().contains("warmupSteps") && !r.err().contains("totalSteps"), r.err());
    }

    @Test
    void sweepDryRunRefusesZeroJobs() throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, "name: demo\naxes:\n  method: [uniform]\n  seed: [0, 1]\n");
        assertUserError(CliRun.of("sweep", spec.toString(), "--dry-run", "--jobs", "0"), "--jobs: 0");
        CliRun ok = CliRun.of("sweep", spec.toString(), "--dry-run");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("2 cells"), ok.out());
    }

    private static TwoTowerModel smallModel() {
        WordTokenizer tok = WordTokenizer.standard();
        return TwoTowerModel.create(ModelConfig.defaults(ImageTowerKind.MLP, ModelSize.S).withShape(32, tok.vocabSize(), tok.maxTokens()));
    }

    @Test
    void evalRefusesNonFiniteWeightsNamingTheFile() throws IOException {
        Path good = tmp.resolve("good.zip");
        smallModel().save(good);
        Path bad = tmp.resolve("nan.zip");
        // The same checkpoint with its first weight array replaced by NaNs, as a diverged run would leave it.
        try (ZipFile in = new ZipFile(good.toFile()); OutputStream raw = Files.newOutputStream(bad); ZipOutputStream out = new ZipOutputStream(raw)) {
            boolean replaced = false;
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (!replaced && entry.getName().startsWith("param/")) {
                    INDArray a = Nd4j.read(new DataInputStream(in.getInputStream(entry)));
                    Nd4j.write(a.assign(Double.NaN), new DataOutputStream(out));
                    replaced = true;
                } else {
                    in.getInputStream(entry).transferTo(out);
                }
                out.closeEntry();
            }
        }
        CliRun r = CliRun.of("eval", "--checkpoint", bad.toString(), "--data-dir", FashionMnistFixture.dir().toString(), "--eval-size", "50");
        assertUserError(r, bad + ": non-finite weights");
    }

    @Test
    void evalSaysWhenTheEvalSizeIsCut() throws IOException {
        Path ckpt = tmp.resolve("m.zip");
        smallModel().save(ckpt);
        CliRun r = CliRun.of("eval", "--checkpoint", ckpt.toString(), "--data-dir", FashionMnistFixture.dir().toString(),
                "--eval-size", "999999");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("--eval-size 999999 is more than the test split's"), r.err());
    }
}

package org.curationlab.spark;

import org.curationlab.train.EvalLog;
import org.curationlab.train.results.ResultsCsv;
import org.curationlab.cli.Curate;
import org.curationlab.data.FashionMnistFixture;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tiny sweep the engine tests share, and {@code curate} run in-process. */
final class TinySweep {
    private TinySweep() {
    }

    /** Four cells of the S CNN (two seeds by two pools), 20 steps of 16, two evaluations of 50 images. */
    static Path spec(Path dir) throws IOException {
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                name: tiny-spark
                fixed:
                  data-dir: %s
                  model: S
                  batch: 16
                  iterations: 20
                  eval-every: 10
                  eval-size: 50
                  pool-size: 200
                  warmup: 2
                axes:
                  seed: [0, 1]
                  noise: [none, "web,misaligned=0.3"]
                """.formatted(FashionMnistFixture.dir().toAbsolutePath()));
        return spec;
    }

    record Run(int exitCode, String out, String err) {
    }

    static Run curate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Curate.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    /** results.csv's rows without the timing columns, sorted (row order is each engine's own). */
    static List<List<String>> rowsWithoutTiming(Path results) throws IOException {
        List<String> lines = Files.readAllLines(results);
        List<String> header = ResultsCsv.parseLine(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = ResultsCsv.parseLine(line);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (!EvalLog.TIMING.contains(header.get(i))) {
                    kept.add(cells.get(i));
                }
            }
            rows.add(kept);
        }
        List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
        body.sort(java.util.Comparator.comparing(Object::toString));
        List<List<String>> out = new ArrayList<>(List.of(rows.get(0)));
        out.addAll(body);
        return out;
    }
}

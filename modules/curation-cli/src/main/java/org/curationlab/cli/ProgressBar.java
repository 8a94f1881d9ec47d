package org.curationlab.cli;

import org.curationlab.train.Metrics;
import org.curationlab.train.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: step, loss, the last evaluation's zero-shot accuracy with the
 * step it was measured at (a run that evaluates only at its ends would otherwise show its untrained
 * accuracy all through), examples per second and the time left. Redrawn in place on a terminal; on a pipe or a log, one line every tenth of the run.
 */
final class ProgressBar implements ProgressListener {
    private final PrintStream err;
    private final String label;
    private final boolean terminal = System.console() != null;
    private long lastDraw;
    private long lastDecile = -1;
    private double zeroShot = Double.NaN;
    private long zeroShotStep;
    private double rate;
    private double secondsPerStep;
    private long lastStep = -1;
    private long lastStepNanos;

    ProgressBar(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void step(long step, long total, double loss, double examplesPerSecond) {
        rate = rate == 0 ? examplesPerSecond : 0.9 * rate + 0.1 * examplesPerSecond;
        long now = System.nanoTime();
        // Time left from the recent pace of steps (evaluations included), not from start-up.
        if (lastStep >= 0 && step > lastStep) {
            double s = (now - lastStepNanos) / 1e9 / (step - lastStep);
            secondsPerStep = secondsPerStep == 0 ? s : 0.95 * secondsPerStep + 0.05 * s;
        }
        lastStep = step;
        lastStepNanos = now;
        long decile = step * 10 / total;
        boolean draw = terminal ? now - lastDraw > 250_000_000L || step == total : decile != lastDecile;
        if (!draw) {
            return;
        }
        lastDraw = now;
        lastDecile = decile;
        double eta = secondsPerStep * (total - step);
        int width = 24;
        int filled = (int) (width * step / total);
        String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
        String line = String.format(Locale.ROOT, "%s [%s] %d/%d loss %.4f zero-shot %s %.0f ex/s eta %s",
                label, bar, step, total, loss,
                Double.isNaN(zeroShot) ? "-" : String.format(Locale.ROOT, "%.3f (step %d)", zeroShot, zeroShotStep),
                rate, duration(eta));
        if (terminal) {
            err.print("\r" + line + (step == total ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void evaluated(long step, Metrics metrics) {
        zeroShot = metrics.zeroshotTop1();
        zeroShotStep = step;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}

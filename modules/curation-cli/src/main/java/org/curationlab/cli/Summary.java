package org.curationlab.cli;

import org.curationlab.train.Trainer;

import java.io.PrintWriter;
import java.util.Locale;

/** The closing lines of a training verb. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, Trainer.Result r) {
        out.printf(Locale.ROOT, "final      %s%n", r.last().asMap().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s=%.4f", e.getKey(), e.getValue())).reduce((a, b) -> a + " " + b).orElse(""));
        out.printf(Locale.ROOT, "compute    %.3e FLOPs (train %.3e, learner scoring %.3e, reference scoring %.3e) over %d examples%n",
                r.ledger().total(), r.ledger().train(), r.ledger().scoreLearner(), r.ledger().scoreReference(), r.ledger().examples());
        out.printf("results    %s%n", r.out().resolve(Trainer.EVAL_CSV));
        out.flush();
    }
}

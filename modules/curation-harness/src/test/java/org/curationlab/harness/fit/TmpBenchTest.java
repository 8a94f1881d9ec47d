package org.curationlab.harness.fit;
import java.util.List;
import org.junit.jupiter.api.Test;
class TmpBenchTest {
    @Test void bench() {
        List<Observation> data = Synthetic.oneAxis(Synthetic.saturating(0.1, 5, 0.35), 1e3, 1e7, 13, 3, 0.03, "g", 1);
        SaturatingPowerLaw p = SaturatingPowerLaw.fit(data);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) SaturatingPowerLaw.fit(data);
            long t1 = System.nanoTime();
            for (int i = 0; i < 50; i++) SaturatingPowerLaw.fit(data, FitOptions.defaults().withFullGrid(false), p);
            long t2 = System.nanoTime();
            System.out.printf("full %.2f ms, reduced+warm %.2f ms%n", (t1 - t0) / 50e6, (t2 - t1) / 50e6);
        }
    }
}

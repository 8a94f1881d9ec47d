package org.curationlab.spark;

import org.curationlab.cli.Curate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A master the engine cannot use is one error naming --master, within seconds, and the folder stays unwritten. */
class SparkMasterTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "spark://localhost:%d | no Spark master answers",
            "spark://no-such-host.invalid:7077 | no Spark master answers",
            "spark://localhost | is not HOST:PORT",
            "yarn | is not a Spark master this engine runs on",
            "mesos://h:5050 | is not a Spark master this engine runs on",
    })
    void aBadOrUnreachableMasterIsOneClearError(String master, String fragment) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = master.formatted(closedPort);
        Path spec = TinySweep.spec(tmp);
        Path out = tmp.resolve("out");
        TinySweep.Run r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
                TinySweep.curate("sweep", spec.toString(), "--out", out.toString(), "--engine", "spark", "--master", url));
        assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--master"), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out.resolve("sweep.json")), "a failed start must leave the folder unstarted");
    }

    /** A master that answers, asked without the cluster's secret file: one error naming the file, nothing started. */
    @Test
    void aStandaloneMasterWithoutTheSecretFileIsOneErrorNamingIt() throws Exception {
        assumeFalse(Files.exists(ClusterSecret.DEFAULT_FILE), "a cluster's secret lies where the test expects none");
        assumeTrue(System.getenv(ClusterSecret.ENV) == null);
        try (ServerSocket listening = new ServerSocket(0)) {
            Path spec = TinySweep.spec(tmp);
            Path out = tmp.resolve("out");
            TinySweep.Run r = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> TinySweep.curate("sweep", spec.toString(),
                    "--out", out.toString(), "--engine", "spark", "--master", "spark://127.0.0.1:" + listening.getLocalPort()));
            assertEquals(Curate.EXIT_INPUT, r.exitCode(), r.out() + r.err());
            assertTrue(r.err().contains("secret file " + ClusterSecret.DEFAULT_FILE + " does not exist"), r.err());
            assertTrue(r.err().contains(ClusterSecret.ENV), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out.resolve("sweep.json")), "a failed start must leave the folder unstarted");
        }
    }

    @Test
    void aMasterForTheLocalEngineIsRefused() throws Exception {
        Path spec = TinySweep.spec(tmp);
        TinySweep.Run r = TinySweep.curate("sweep", spec.toString(), "--out", tmp.resolve("o").toString(), "--master", "local[2]");
        assertEquals(Curate.EXIT_INPUT, r.exitCode());
        assertTrue(r.err().contains("--master: only with --engine spark"), r.err());
    }

    @Test
    void noMasterIsAnEmbeddedLocalRunSizedToTheSweep() {
        assertEquals("local[4]", SparkMaster.resolve(null, 2, 2));
        assertEquals("local[*]", SparkMaster.resolve("local[*]", 2, 2));
    }
}

package org.curationlab.spark;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny sweep on a real standalone cluster (scripts/spark-cluster: a Master and two Workers of
 * one core on localhost), with one Worker SIGKILLed while it trains a cell: its task is retried on
 * the other Worker and every cell's rows are in results.csv exactly once. The cluster asks for its
 * secret: a client without it (Spark's own driver submitter, which runs any class as the workers'
 * user) is refused, and the sweep, given the secret file, runs. Needs the packaged
 * curate-spark.jar, so it runs in `mvn verify` (after package).
 */
@Tag("integration")
class ClusterSweepIT {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path JAR = Path.of("target/curate-spark.jar").toAbsolutePath();

    @TempDir
    Path tmp;
    Path clusterDir;

    @AfterEach
    void stopCluster() throws Exception {
        if (clusterDir != null) {
            new ProcessBuilder("bash", ROOT.resolve("scripts/spark-cluster").toString(), "stop", "--dir", clusterDir.toString())
                    .inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWorkerKilledMidSweepLosesNoCellAndDoublesNone() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: this test runs in mvn verify, after package");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        clusterDir = tmp.resolve("cluster");
        Process start = new ProcessBuilder("bash", ROOT.resolve("scripts/spark-cluster").toString(), "start", "--dir",
                clusterDir.toString(), "--port", Integer.toString(port), "--workers", "2", "--cores", "1")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("cluster-start.log").toFile()).start();
        assertTrue(start.waitFor(2, TimeUnit.MINUTES), "the cluster did not start");
        assertEquals(0, start.exitValue(), Files.readString(tmp.resolve("cluster-start.log")));
        String master = "spark://127.0.0.1:" + port;
        Path secret = clusterDir.resolve("secret");
        for (Path ownerOnly : List.of(secret, clusterDir.resolve("daemon.conf"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ownerOnly)), ownerOnly.toString());
        }
        assertUnauthenticatedClientRefused(master);

        Path spec = TinySweep.spec(tmp);
        Path out = tmp.resolve("out");
        // The repository's memory limits, which the sweep's cells inherit.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(org.curationlab.cli.JvmMemory.options());
        cmd.addAll(List.of(System.getProperty("curationlab.spark.opens", "").split(" ")).stream().filter(o -> !o.isBlank()).toList());
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", JAR.toString(), "sweep", spec.toString(),
                "--out", out.toString(), "--jobs", "2", "--engine", "spark", "--master", master));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("sweep.log").toFile()));
        pb.environment().put("OMP_NUM_THREADS", "2");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("CURATE_CACHE", tmp.resolve("cache").toString());
        pb.environment().put(ClusterSecret.ENV, secret.toString());
        Process sweep = pb.start();

        // Kill worker 1 once one of its executor's cells has trained and written a row.
        long workerPid = Long.parseLong(Files.readString(clusterDir.resolve("worker-1.pid")).trim());
        ProcessHandle worker = ProcessHandle.of(workerPid).orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        Optional<ProcessHandle> cell = Optional.empty();
        while (cell.isEmpty()) {
            assertTrue(sweep.isAlive(), "the sweep ended before a worker could be killed: " + log());
            assertTrue(System.nanoTime() < deadline, "worker 1 never trained a cell: " + log());
            cell = worker.descendants().filter(h -> h.info().commandLine().orElse("").contains(" train --run ")).findFirst()
                    .filter(h -> startedRows(h.info().commandLine().orElse("")) >= 1);
            Thread.sleep(200);
        }
        worker.destroyForcibly();
        assertTrue(sweep.waitFor(10, TimeUnit.MINUTES), "the sweep did not finish after the kill: " + log());
        assertEquals(0, sweep.exitValue(), log());

        Map<String, Set<String>> iterations = new HashMap<>();
        List<List<String>> rows = TinySweep.rowsWithoutTiming(out.resolve("results.csv"));
        List<String> header = rows.get(0);
        for (List<String> r : rows.subList(1, rows.size())) {
            assertTrue(iterations.computeIfAbsent(r.get(header.indexOf("cell")), k -> new HashSet<>())
                    .add(r.get(header.indexOf("iteration"))), "a row appended twice: " + r);
        }
        assertEquals(4, iterations.size(), iterations.toString());
        iterations.values().forEach(its -> assertEquals(Set.of("0", "10", "20"), its));
        assertFalse(Files.exists(out.resolve("failed.jsonl")), log());
    }

    /**
     * {@code org.apache.spark.deploy.Client launch MASTER JAR CLASS}, the submission that made an
     * open cluster's worker run a stranger's class, without the secret: the master refuses the
     * connection, and no driver is submitted or launched.
     */
    private void assertUnauthenticatedClientRefused(String master) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        cmd.addAll(List.of(System.getProperty("curationlab.spark.opens", "").split(" ")).stream().filter(o -> !o.isBlank()).toList());
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", JAR.toString(), "org.apache.spark.deploy.Client",
                "launch", master, tmp.resolve("stranger.jar").toUri().toString(), "Stranger"));
        Path log = tmp.resolve("client.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove(ClusterSecret.ENV);
        Process client = pb.start();
        assertTrue(client.waitFor(2, TimeUnit.MINUTES), "the unauthenticated client was neither refused nor served");
        String out = Files.readString(log);
        assertTrue(client.exitValue() != 0, out);
        assertTrue(out.contains("SASL"), "refused for want of authentication: " + out);
        assertFalse(out.contains("successfully submitted"), out);
        assertFalse(Files.readString(clusterDir.resolve("logs/master.log")).contains("Driver submitted"));
    }

    /** Rows the cell of a child's command line has written so far. */
    private static int startedRows(String commandLine) {
        int at = commandLine.indexOf("--out ");
        if (at < 0) {
            return 0;
        }
        Path eval = Path.of(commandLine.substring(at + 6).split(" ")[0]).resolve("eval.csv");
        try {
            return Files.exists(eval) ? (int) Files.lines(eval).count() - 1 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String log() throws IOException {
        Path p = tmp.resolve("sweep.log");
        return Files.exists(p) ? Files.readString(p) : "(no log)";
    }
}

package org.curationlab.spark;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.curationlab.testing.CurationAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The driver's side of a standalone cluster's shared secret: where it is, and what it must look like. */
class ClusterSecretTest {
    @TempDir
    Path tmp;

    Path secret(String text, String mode) throws IOException {
        Path f = tmp.resolve("secret");
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void aStandaloneMasterIsAskedWithTheSecretFromTheFileTheEnvironmentNames() throws IOException {
        Path f = secret("c0ffee\n", "rw-------");
        SparkConf conf = new SparkConf(false);
        ClusterSecret.authenticate(conf, "spark://h:7077", Map.of(ClusterSecret.ENV, f.toString()));
        assertEquals("true", conf.get("spark.authenticate"));
        assertEquals("c0ffee", conf.get("spark.authenticate.secret"));
        assertEquals(ClusterSecret.DEFAULT_FILE, ClusterSecret.file(Map.of()));
    }

    @Test
    void aSecretSetInSparksOwnSettingsWins() {
        SparkConf conf = new SparkConf(false).set("spark.authenticate.secret", "given");
        ClusterSecret.authenticate(conf, "spark://h:7077", Map.of(ClusterSecret.ENV, tmp.resolve("missing").toString()));
        assertEquals("given", conf.get("spark.authenticate.secret"));
        assertEquals("true", conf.get("spark.authenticate"));
    }

    @Test
    void aMissingAnOpenOrAnEmptySecretFileIsOneErrorNamingIt() throws IOException {
        Path missing = tmp.resolve("missing");
        assertMessage(() -> ClusterSecret.read(missing, "spark://h:7077"), "--master spark://h:7077", missing.toString(),
                "does not exist", "scripts/spark-cluster start", ClusterSecret.ENV);
        Path open = secret("c0ffee", "rw-r--r--");
        assertMessage(() -> ClusterSecret.read(open, "spark://h:7077"), open.toString(), "readable by others (rw-r--r--)", "chmod 600");
        Path empty = secret("\n", "rw-------");
        assertMessage(() -> ClusterSecret.read(empty, "spark://h:7077"), empty.toString(), "one line");
    }
}

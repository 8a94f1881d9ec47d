package org.curationlab.spark;

import org.apache.spark.SparkConf;
import org.curationlab.data.CurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The shared secret a standalone cluster asks of everyone who talks to it. A Spark master and its
 * workers without {@code spark.authenticate} run whatever a client submits, as the workers' user;
 * with it, Spark's RPC layer refuses any connection that does not prove it holds the same secret.
 * Standalone Spark has one secret for the master, the workers and every application (Spark
 * generates per-application secrets only on YARN and Kubernetes), so it lives in a file only its
 * owner reads: {@code scripts/spark-cluster start} writes it, and the driver reads it here.
 */
final class ClusterSecret {
    /** Where the secret file is, when not at {@link #DEFAULT_FILE}. */
    static final String ENV = "CURATE_SPARK_SECRET_FILE";
    /** {@code scripts/spark-cluster}'s own, relative to the folder curate runs in (the repository's root). */
    static final Path DEFAULT_FILE = Path.of("runs", "spark-cluster", "secret");
    static final String AUTHENTICATE = "spark.authenticate";
    static final String SECRET = "spark.authenticate.secret";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private ClusterSecret() {
    }

    /** The secret file: {@value #ENV}, else {@link #DEFAULT_FILE}. */
    static Path file(Map<String, String> env) {
        String given = env.get(ENV);
        return given == null || given.isBlank() ? DEFAULT_FILE : Path.of(given.trim());
    }

    /**
     * Turns authentication on for a standalone master: the secret comes from {@code conf} when
     * the caller set it (spark-submit's spark-defaults.conf), else from the secret file.
     */
    static void authenticate(SparkConf conf, String master, Map<String, String> env) {
        conf.set(AUTHENTICATE, "true");
        if (!conf.contains(SECRET)) {
            conf.set(SECRET, read(file(env), master));
        }
    }

    /** The secret in {@code file}: it must exist, be readable by its owner only and hold one non-empty line. */
    static String read(Path file, String master) {
        String where = "--master " + master + ": the cluster's secret file " + file;
        if (!Files.isRegularFile(file)) {
            throw new CurationException(where + " does not exist; scripts/spark-cluster start writes it (set " + ENV
                    + " when the cluster keeps it elsewhere)");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(OTHERS::contains)) {
                throw new CurationException(where + " is readable by others (" + PosixFilePermissions.toString(perms)
                        + "); chmod 600 it, and give the cluster a new secret if others may have read it");
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to check.
        } catch (IOException e) {
            throw new CurationException(where + " cannot be read (" + e.getMessage() + ")", e);
        }
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CurationException(where + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (secret.isEmpty() || secret.contains("\n")) {
            throw new CurationException(where + " must hold the secret on one line");
        }
        return secret;
    }
}

package org.curationlab.spark;

import org.curationlab.data.CurationException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --master}: which Spark to run on. No master is an embedded {@code local[N]} sized to the
 * sweep; a standalone master ({@code spark://HOST:PORT[,HOST:PORT]}) is probed before Spark is
 * started, because Spark itself keeps retrying an unreachable master for minutes and a job
 * submitted meanwhile waits for resources forever.
 */
final class SparkMaster {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
    private static final Pattern HOST_PORT = Pattern.compile("([^:,/]+):([0-9]{1,5})");
    static final int PROBE_TIMEOUT_MS = 3_000;

    private SparkMaster() {
    }

    /** The master URL to start Spark with: {@code master}, else spark-submit's, else {@code local[jobs x threads]}. */
    static String resolve(String master, int jobs, int threadsPerCell) {
        String m = master != null ? master : System.getProperty("spark.master");
        if (m == null || m.isBlank()) {
            return "local[" + jobs * threadsPerCell + "]";
        }
        m = m.trim();
        if (LOCAL.matcher(m).matches()) {
            return m;
        }
        Matcher s = STANDALONE.matcher(m);
        if (s.matches()) {
            probe(m, hostPorts(m, s.group(1)));
            return m;
        }
        throw new CurationException("--master: '" + m + "' is not a Spark master this engine runs on "
                + "(spark://HOST:PORT for a standalone cluster, local[N] or local[*]; no --master for an embedded local run)");
    }

    static List<InetSocketAddress> hostPorts(String url, String list) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hp : list.split(",")) {
            Matcher m = HOST_PORT.matcher(hp.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (port < 1 || port > 65535) {
                throw new CurationException("--master: '" + url + "': '" + hp + "' is not HOST:PORT (e.g. spark://localhost:7077)");
            }
            out.add(InetSocketAddress.createUnresolved(m.group(1), port));
        }
        return out;
    }

    /** One of the masters must accept a connection within {@value #PROBE_TIMEOUT_MS} ms. */
    private static void probe(String url, List<InetSocketAddress> masters) {
        List<String> why = new ArrayList<>();
        for (InetSocketAddress a : masters) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a.getHostString(), a.getPort()), PROBE_TIMEOUT_MS);
                return;
            } catch (IOException | IllegalArgumentException e) {
                why.add(a.getHostString() + ":" + a.getPort() + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        throw new CurationException("--master " + url + ": no Spark master answers at " + String.join(", ", why)
                + "; start one (scripts/spark-cluster start) or check the URL");
    }
}

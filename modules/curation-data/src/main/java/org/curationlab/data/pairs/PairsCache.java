package org.curationlab.data.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file per source and decoding (image size, channels, columns): {@code <cache>/pairs/<id>.pairs},
 * the id a hash of the source's path and the decoding options. It holds the source's fingerprint
 * (file names, sizes, modification times), the captions, keys, labels and skips as JSON, then
 * the decoded images as raw bytes. A load whose fingerprint differs decodes again and replaces
 * the file (atomically), so a changed source never reads stale images and old versions do not
 * pile up.
 */
final class PairsCache {
    private static final byte[] MAGIC = "CLPAIRS1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PairsCache() {
    }

    static Path fileFor(Path cacheDir, PairSource source, PairsOptions options) {
        String id = sha256(source.kind() + "\n" + source.path() + "\n" + options.decodeKey()).substring(0, 24);
        return cacheDir.resolve("pairs").resolve(id + ".pairs");
    }

    /** The cached pairs when the file exists, is whole and was made from the same source content; else null. */
    static OwnPairs read(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                return null;
            }
            byte[] head = new byte[in.readInt()];
            in.readFully(head);
            JsonNode h = JSON.readTree(head);
            if (!fingerprint.equals(h.path("fingerprint").asText())) {
                return null;
            }
            List<String> keys = strings(h.get("keys"));
            List<String> captions = strings(h.get("captions"));
            int[] labels = new int[keys.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = h.get("labels").get(i).asInt();
            }
            Map<String, Integer> sizes = new LinkedHashMap<>();
            h.get("sizesSeen").fields().forEachRemaining(e -> sizes.put(e.getKey(), e.getValue().asInt()));
            List<Skip> skips = new ArrayList<>();
            for (JsonNode s : h.get("skips")) {
                skips.add(new Skip(s.get("where").asText(), Skip.Reason.valueOf(s.get("reason").asText()),
                        s.get("detail").isNull() ? null : s.get("detail").asText()));
            }
            byte[] pixels = new byte[Math.toIntExact(in.readLong())];
            in.readFully(pixels);
            return new OwnPairs(h.get("source").asText(), h.get("kind").asText(), h.get("side").asInt(), h.get("channels").asInt(),
                    keys, captions, labels, strings(h.get("labelNames")), pixels, sizes, skips,
                    h.get("candidates").asInt(), file, true);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged or foreign file is rebuilt, never trusted
        }
    }

    static void write(Path file, String fingerprint, OwnPairs p) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("fingerprint", fingerprint);
        h.put("source", p.source());
        h.put("kind", p.kind());
        h.put("side", p.side());
        h.put("channels", p.channels());
        h.put("candidates", p.candidates());
        h.set("keys", JSON.valueToTree(p.keys()));
        h.set("captions", JSON.valueToTree(p.captions()));
        h.set("labels", JSON.valueToTree(p.labels()));
        h.set("labelNames", JSON.valueToTree(p.labelNames()));
        h.set("sizesSeen", JSON.valueToTree(p.sizesSeen()));
        ArrayNode skips = h.putArray("skips");
        for (Skip s : p.skips()) {
            skips.addObject().put("where", s.where()).put("reason", s.reason().name()).put("detail", s.detail());
        }
        byte[] head = JSON.writeValueAsBytes(h);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16));
            d.write(MAGIC);
            d.writeInt(head.length);
            d.write(head);
            d.writeLong(p.pixels().length);
            d.write(p.pixels());
            d.flush();
        });
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}

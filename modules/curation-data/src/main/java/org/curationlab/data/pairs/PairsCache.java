package org.curationlab.data.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.curationlab.data.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
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
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * One file per source and decoding, {@code <cache>/pairs/<id>.pairs}, the id a hash of the
 * source's path, its kind and the decoding options (so another {@code --image-size} has its own
 * file). Inside: the key it was made for (the source's {@link ContentHash} and the decoding
 * options), the captions, keys, labels and skips as JSON, the decoded images as raw bytes, and a
 * CRC-32C of all of it. A load whose key differs decodes again and replaces the file atomically,
 * so a changed source never reads stale images and old versions do not pile up. A file that is
 * damaged (truncated, a flipped bit, another format) is said in one line and rebuilt, never read.
 *
 * <p>Layout: {@code CLPAIRS2}, int header length, header (UTF-8 JSON), long pixel count,
 * pixels, long CRC-32C of header and pixels; nothing after.
 */
final class PairsCache {
    private static final byte[] MAGIC = "CLPAIRS2".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PairsCache() {
    }

    static Path fileFor(Path cacheDir, PairSource source, PairsOptions options) {
        String id = sha256(source.kind() + "\n" + source.path() + "\n" + options.decodeKey()).substring(0, 24);
        return cacheDir.resolve("pairs").resolve(id + ".pairs");
    }

    /** What a cache file must have been made for: the content and the decoding. */
    static String key(String fingerprint, PairsOptions options) {
        return sha256(fingerprint + "\n" + options.decodeKey());
    }

    /** Why a cache file cannot be read (it is rebuilt). */
    private static final class Damaged extends Exception {
        Damaged(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * The cached pairs when the file exists, is whole and was made for {@code key}; else null.
     * A missing file or one made for other content is no news; a damaged one is told to {@code warn}.
     */
    static OwnPairs read(Path file, String key, Consumer<String> warn) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return readWhole(file, key);
        } catch (Damaged d) {
            warn.accept(file + ": the decoded-pairs cache is damaged (" + d.getMessage() + "); decoding the source again");
            return null;
        } catch (IOException e) {
            warn.accept(file + ": the decoded-pairs cache cannot be read (" + e.getMessage() + "); decoding the source again");
            return null;
        }
    }

    private static OwnPairs readWhole(Path file, String key) throws IOException, Damaged {
        long fileSize = Files.size(file);
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new Damaged("it does not start with " + new String(MAGIC, StandardCharsets.US_ASCII)
                        + ": another format or version");
            }
            int headLength = in.readInt();
            if (headLength <= 0 || headLength > fileSize) {
                throw new Damaged(headLength > fileSize ? "it ends early: a header of " + headLength + " bytes in a file of " + fileSize
                        : "a header length of " + headLength);
            }
            byte[] head = new byte[headLength];
            in.readFully(head);
            crc.update(head);
            JsonNode h;
            try {
                h = JSON.readTree(head);
            } catch (IOException e) {
                throw new Damaged("its header is not JSON");
            }
            if (h == null || !h.path("key").isTextual()) {
                throw new Damaged("its header has no key");
            }
            if (!key.equals(h.get("key").asText())) {
                return null; // made for other content or decoding: rebuilt, no news
            }
            OwnPairs p;
            byte[] pixels;
            try {
                int side = h.get("side").asInt(), channels = h.get("channels").asInt();
                List<String> keys = strings(h.get("keys"));
                long expected = (long) keys.size() * channels * side * side;
                long count = in.readLong();
                if (count != expected || count > fileSize) {
                    throw new Damaged(count + " pixel bytes where " + keys.size() + " images of " + channels + " x " + side
                            + " x " + side + " need " + expected);
                }
                pixels = new byte[Math.toIntExact(count)];
                in.readFully(pixels);
                crc.update(pixels);
                long stored = in.readLong();
                if (stored != crc.getValue()) {
                    throw new Damaged("its checksum does not match its content");
                }
                if (in.read() != -1) {
                    throw new Damaged("bytes after its end");
                }
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
                p = new OwnPairs(h.get("source").asText(), h.get("kind").asText(), side, channels,
                        keys, strings(h.get("captions")), labels, strings(h.get("labelNames")), pixels, sizes, skips,
                        h.get("candidates").asInt(), file, true);
            } catch (EOFException e) {
                throw new Damaged("it ends early, at " + fileSize + " bytes");
            } catch (RuntimeException e) {
                // A header that passed its checksum but not these reads was written by another version.
                throw new Damaged("its header does not hold what this version writes (" + e.getClass().getSimpleName() + ")");
            }
            return p;
        } catch (EOFException e) {
            throw new Damaged("it ends early, at " + fileSize + " bytes");
        }
    }

    static void write(Path file, String key, OwnPairs p) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("key", key);
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
        CRC32C crc = new CRC32C();
        crc.update(head);
        crc.update(p.pixels());
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            d.write(MAGIC);
            d.writeInt(head.length);
            d.write(head);
            d.writeLong(p.pixels().length);
            d.write(p.pixels());
            d.writeLong(crc.getValue());
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

package org.curationlab.models;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.curationlab.data.CurationException;
import org.curationlab.data.pairs.CaptionTokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoint file of a {@link TwoTowerModel}: one zip holding {@code model.properties}
 * (the {@link ModelConfig}, the step counter, a format version), every weight array and every
 * Adam state array in ND4J's binary form. The graph itself is not stored: it is rebuilt from
 * the config, which keeps the file small and immune to SameDiff serialisation changes. Weights
 * and optimiser state are stored exactly, so a resumed run continues bit for bit.
 *
 * <p>The config records the image shape the model takes ({@code model.imageChannels},
 * {@code model.imageSide}; a checkpoint without them is 1×28×28) and, for a model of free-text
 * captions, the entry {@code tokenizer.json} holds its {@link CaptionTokenizer}, so that whatever
 * reads the checkpoint later embeds images and captions exactly as training did, without being told.
 *
 * <p>A trainer may attach its own run state ({@code run-state.json}: ledger, the pending row's
 * statistics) so that weights and state are committed by one rename and can never disagree.
 * Weights that are NaN or infinite are refused on read: such a model scores every pair alike and
 * would report perfect retrieval.
 */
final class ModelCheckpoint {
    static final int FORMAT = 1;
    private static final String PROPERTIES = "model.properties";
    private static final String PARAM_DIR = "param/";
    private static final String ADAM_DIR = "adam/";
    private static final String RUN_STATE = "run-state.json";
    private static final String TOKENIZER = "tokenizer.json";

    private ModelCheckpoint() {
    }

    static void write(Path file, ModelConfig config, long step, Map<String, INDArray> params,
            Map<String, INDArray> adamState, byte[] runState, CaptionTokenizer tokenizer) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Write aside and move into place, so a crash never leaves a half-written checkpoint.
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw))) {
                Properties p = config.toProperties();
                p.setProperty("checkpoint.format", Integer.toString(FORMAT));
                p.setProperty("checkpoint.step", Long.toString(step));
                zip.putNextEntry(new ZipEntry(PROPERTIES));
                p.store(zip, "CurationLab two-tower model checkpoint");
                zip.closeEntry();
                writeArrays(zip, PARAM_DIR, params);
                writeArrays(zip, ADAM_DIR, adamState);
                if (runState != null) {
                    zip.putNextEntry(new ZipEntry(RUN_STATE));
                    zip.write(runState);
                    zip.closeEntry();
                }
                if (tokenizer != null) {
                    zip.putNextEntry(new ZipEntry(TOKENIZER));
                    zip.write(tokenizer.toBytes());
                    zip.closeEntry();
                }
            }
            // On disk before the rename makes it the checkpoint: the rename is the commit point.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CurationException("could not write checkpoint " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the checkpoint itself is already in place or the error reported
                }
            }
        }
    }

    static TwoTowerModel read(Path file, Function<ModelConfig, TwoTowerModel> factory) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Properties p = properties(zip, file);
            ModelConfig config;
            long step;
            try {
                config = ModelConfig.of(p);
                step = Long.parseLong(p.getProperty("checkpoint.step", "x"));
            } catch (CurationException | NumberFormatException e) {
                throw corrupt(file, e.getMessage());
            }
            TwoTowerModel model = factory.apply(config);
            readArrays(zip, file, PARAM_DIR, model.parameters());
            requireFinite(file, model.parameters());
            readArrays(zip, file, ADAM_DIR, model.optimiserState());
            model.restoreStep(step);
            CaptionTokenizer tokenizer = tokenizer(zip, file);
            if (tokenizer != null) {
                try {
                    model.attachTokenizer(tokenizer);
                } catch (CurationException e) {
                    throw corrupt(file, e.getMessage());
                }
            }
            return model;
        } catch (NoSuchFileException e) {
            throw new CurationException("checkpoint file not found: " + file, e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CurationException ce) {
                throw ce;
            }
            throw corrupt(file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The config a checkpoint was made with, without reading its weights. */
    static ModelConfig readConfig(Path file) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Properties p = properties(zip, file);
            try {
                return ModelConfig.of(p);
            } catch (CurationException e) {
                throw corrupt(file, e.getMessage());
            }
        } catch (IOException e) {
            throw corrupt(file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The caption tokenizer saved by {@link #write}, or null when the checkpoint has none. */
    static CaptionTokenizer readTokenizer(Path file) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return tokenizer(zip, file);
        } catch (IOException e) {
            throw corrupt(file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static CaptionTokenizer tokenizer(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(TOKENIZER);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return CaptionTokenizer.fromBytes(in.readAllBytes());
        } catch (CurationException e) {
            throw corrupt(file, TOKENIZER + ": " + e.getMessage());
        }
    }

    private static void requireFile(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new CurationException("checkpoint file not found: " + file);
        }
    }

    /** The checkpoint's {@code model.properties}, its format checked. */
    private static Properties properties(ZipFile zip, Path file) throws IOException {
        ZipEntry propsEntry = zip.getEntry(PROPERTIES);
        if (propsEntry == null) {
            throw corrupt(file, "no " + PROPERTIES + " entry");
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(propsEntry)) {
            p.load(in);
        }
        String format = p.getProperty("checkpoint.format");
        if (!Integer.toString(FORMAT).equals(format)) {
            throw corrupt(file, "unsupported checkpoint.format " + format + " (expected "
                    + FORMAT + ")");
        }
        return p;
    }

    /** The run state attached by {@link #write}, or null when the checkpoint has none. */
    static byte[] readRunState(Path file) {
        requireFile(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(RUN_STATE);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw corrupt(file, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void requireFinite(Path file, Map<String, INDArray> params) {
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray a = e.getValue();
            if (a.isNaN().any() || a.isInfinite().any()) {
                throw new CurationException(file + ": non-finite weights (NaN or infinity) in parameter '" + e.getKey()
                        + "'; the model cannot be evaluated or trained further");
            }
        }
    }

    private static void writeArrays(ZipOutputStream zip, String dir, Map<String, INDArray> arrays)
            throws IOException {
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(dir + e.getKey()));
            DataOutputStream out = new DataOutputStream(zip);
            Nd4j.write(e.getValue(), out);
            out.flush();
            zip.closeEntry();
        }
    }

    /** Reads each array into the model's own (graph-shared) array, checking its shape. */
    private static void readArrays(ZipFile zip, Path file, String dir, Map<String, INDArray> into)
            throws IOException {
        for (Map.Entry<String, INDArray> e : into.entrySet()) {
            ZipEntry entry = zip.getEntry(dir + e.getKey());
            if (entry == null) {
                throw corrupt(file, "missing entry " + dir + e.getKey());
            }
            INDArray read;
            try (DataInputStream in = new DataInputStream(zip.getInputStream(entry))) {
                read = Nd4j.read(in);
            }
            INDArray target = e.getValue();
            if (!Arrays.equals(read.shape(), target.shape()) || read.dataType() != target.dataType()) {
                throw corrupt(file, dir + e.getKey() + " has shape " + Arrays.toString(read.shape())
                        + " " + read.dataType() + ", the config implies "
                        + Arrays.toString(target.shape()) + " " + target.dataType());
            }
            target.assign(read);
        }
    }

    private static CurationException corrupt(Path file, String why) {
        return new CurationException("corrupt or unreadable checkpoint file " + file + ": " + why);
    }
}

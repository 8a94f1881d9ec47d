package org.curationlab.harness.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.curationlab.data.CurationException;
import org.curationlab.train.RunProvenance;
import org.curationlab.train.results.ResultRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The zero-shot top-1 a cell's reference recorded (FILE.json beside the checkpoint): the row's
 * reference setting when it is a file, else — a curation level, trained and cached on first use —
 * the checkpoint its cell's provenance names.
 */
public final class ReferenceAccuracy {
    private final Path sweepDir;

    /** @param sweepDir the sweep folder the rows came from (null: look only beside the setting) */
    public ReferenceAccuracy(Path sweepDir) {
        this.sweepDir = sweepDir;
    }

    public Double of(ResultRow r) {
        String ref = r.get("reference");
        if (ref == null) {
            return null;
        }
        Double direct = beside(Path.of(ref));
        if (direct != null || sweepDir == null || r.get("cell") == null) {
            return direct;
        }
        String used = namedIn(sweepDir.resolve("cells").resolve(r.get("cell")));
        return used == null ? null : beside(Path.of(used));
    }

    /** The reference checkpoint a run folder's provenance.json names, or null when it names none (or there is none). */
    public static String namedIn(Path runDir) {
        Path provenance = runDir.resolve("provenance.json");
        if (!Files.isRegularFile(provenance)) {
            return null;
        }
        try {
            var used = RunProvenance.settings(provenance).get(RunProvenance.REFERENCE_CHECKPOINT);
            return used == null || !used.isValueNode() || used.isNull() ? null : used.asText();
        } catch (CurationException e) {
            return null;
        }
    }

    /** The zero-shot top-1 recorded beside a reference checkpoint (FILE.json), or null when there is none. */
    public static Double beside(Path checkpoint) {
        Path json = Path.of(checkpoint + ".json");
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            var v = new ObjectMapper().readTree(json.toFile()).findValue("zeroshot_top1");
            return v == null ? null : v.asDouble();
        } catch (IOException e) {
            return null;
        }
    }
}

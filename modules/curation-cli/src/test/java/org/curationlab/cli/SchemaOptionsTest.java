package org.curationlab.cli;

import org.curationlab.train.settings.RunSchema;
import org.curationlab.train.settings.Setting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verbs that take run settings take them from {@link RunSchema}: each option named by a setting's
 * key has the schema's default, label and help, so a default is written once and cannot drift.
 */
class SchemaOptionsTest {
    private static CommandSpec verb(String path) {
        CommandLine cl = Curate.commandLine();
        for (String name : path.split(" ")) {
            cl = cl.getSubcommands().get(name);
        }
        return cl.getCommandSpec();
    }

    /** The schema's help as picocli shows it, its variables filled in. */
    private static String shown(Setting<?> s) {
        String help = s.help().replace("${DEFAULT-VALUE}", String.valueOf(s.defaultText()));
        return s.candidates() == null ? help : help.replace("${COMPLETION-CANDIDATES}", String.join(", ", s.candidates()));
    }

    /** verb | the schema keys it must take | its own options that share a key but mean something else. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "data info | data-dir pool-size noise seed | cache-dir",
            "data show | data-dir pool-size noise seed | cache-dir",
            "prune     | data-dir pool-size noise seed keep clusters temperature nn epsilon min-per-cluster prune-embedding | method reference cache-dir",
            "reference | data-dir pool-size noise seed model tower iterations batch threads eval-every eval-size | iterations",
            "train     | data-dir pool-size noise seed keep clusters temperature nn epsilon min-per-cluster prune-embedding pool-pruning method | ''",
    })
    void schemaBackedOptionsHaveTheSchemasDefaultAndHelp(String path, String keys, String local) {
        CommandSpec spec = verb(path);
        Set<String> own = Set.of(local.split(" "));
        List<String> required = Arrays.asList(keys.split(" "));
        for (String key : required) {
            assertNotNull(spec.findOption("--" + key), path + " takes --" + key);
        }
        int checked = 0;
        for (OptionSpec o : spec.options()) {
            String key = o.longestName().substring(2);
            Setting<?> s = RunSchema.find(key);
            if (s == null || own.contains(key)) {
                continue;
            }
            String where = path + " --" + key;
            assertEquals(shown(s), String.join(" ", o.description()), where + ": help");
            if (!s.isFlag()) { // a switch is off unless given: no default to compare
                assertEquals(s.defaultText(), o.defaultValue(), where + ": default");
                assertEquals(s.label(), o.paramLabel(), where + ": label");
            }
            checked++;
        }
        assertTrue(checked >= required.size(), path + ": " + checked + " schema-backed options checked");
    }

    /** A bad value is one line naming the option, as with {@code curate train}, before anything is read. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "data info --pool-size many                                          | --pool-size: 'many' is not a whole number",
            "data info --pairs no-such-pairs.csv --seed x                        | --seed: 'x' is not a whole number",
            "data show --out never.png --seed 1.5                                | --seed: '1.5' is not a whole number",
            "prune --method dbp --embeddings no-such.npy --out never.txt --keep abc | --keep: 'abc' is not a number",
            "prune --method dbp --embeddings no-such.npy --out never.txt --nn 2.5   | --nn: '2.5' is not a whole number",
    })
    void aBadValueNamesTheOption(String args, String message) {
        UserErrorsTest.assertUserError(CliRun.of(args.trim().split(" +")), message);
    }
}

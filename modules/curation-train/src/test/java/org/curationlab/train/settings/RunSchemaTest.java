package org.curationlab.train.settings;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.curationlab.train.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema is the one declaration of a run's settings: every field has one, spelled one way. */
class RunSchemaTest {
    /** Each group record of RunSpec, in RunSpec's order, and the group whose settings fill it. */
    static final Map<Class<?>, Setting.Group> GROUPS = Map.of(DataSettings.class, Setting.Group.DATA,
            PairsSettings.class, Setting.Group.PAIRS, ModelSettings.class, Setting.Group.MODEL, TrainingSettings.class, Setting.Group.TRAINING,
            EvaluationSettings.class, Setting.Group.EVALUATION, SelectionSettings.class, Setting.Group.SELECTION,
            ReferenceSettings.class, Setting.Group.REFERENCE, PruningSettings.class, Setting.Group.PRUNING);

    @Test
    void everyFieldOfEveryGroupIsOneSetting() {
        List<Class<?>> groups = Arrays.stream(RunSpec.class.getRecordComponents()).map(RecordComponent::getType).collect(Collectors.toList());
        assertEquals(GROUPS.keySet(), java.util.Set.copyOf(groups));
        int fields = 0;
        for (Class<?> g : groups) {
            RecordComponent[] c = g.getRecordComponents();
            assertTrue(c.length <= 9, g + " has " + c.length + " fields");
            assertEquals(c.length, RunSchema.of(GROUPS.get(g)).size(), g.getSimpleName() + " fields vs " + RunSchema.of(GROUPS.get(g)));
            fields += c.length;
        }
        assertEquals(fields, RunSchema.ALL.size());
    }

    @Test
    void eachSettingReadsBackWhatItWrote() {
        // A run with every setting off its default (or set where the default is the machine's) reads back field by field.
        RunSpec run = RunSpec.defaults();
        for (Setting<?> s : RunSchema.ALL) {
            run = offDefault(run, s);
        }
        for (Setting<?> s : RunSchema.ALL) {
            assertTrue(!java.util.Objects.equals(s.of(run), s.defaultValue()), s.key() + " kept its default");
        }
        assertEquals(run, RunSpec.fromJson(run.toJson(), "test"));
        assertEquals(RunSchema.keys(), List.copyOf(run.nonDefaults().keySet()));
    }

    private static <T> RunSpec offDefault(RunSpec run, Setting<T> s) {
        Object v = s.type() == String.class ? "x-" + s.key() : s.type() == Integer.class ? 7 : s.type() == Long.class ? 7L
                : s.type() == Double.class ? 0.25 : Boolean.TRUE;
        return run.with(s, s.type().cast(v));
    }

    @Test
    void keysAreKebabCaseAndDefaultsAreTheDeclaredOnes() {
        for (Setting<?> s : RunSchema.ALL) {
            assertTrue(s.key().matches("[a-z0-9]+(-[a-z0-9]+)*"), s.key());
            assertEquals(s.defaultValue(), s.of(RunSpec.defaults()), s.key());
            if (s.defaultValue() != null && !s.isFlag()) {
                assertTrue(s.help().contains("${DEFAULT-VALUE}"), s.key() + ": --help must show the default");
            }
        }
        assertEquals(0.8, RunSpec.defaults().selection().filterRatio());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "iterations | lots  | 'lots' is not a whole number",
            "iterations | 1.5   | '1.5' is not a whole number",
            "filter-ratio | most | 'most' is not a number",
            "greedy     | maybe | 'maybe' is not true or false",
            "seed       | 0x1   | '0x1' is not a whole number",
    })
    void textThatIsNotOfTheSettingsTypeIsNamed(String key, String text, String message) {
        Setting<?> s = RunSchema.find(key.trim());
        Setting.Invalid e = assertThrows(Setting.Invalid.class, () -> s.parse(text.trim()));
        assertEquals(message.trim(), e.getMessage());
        org.curationlab.data.CurationException flag = assertThrows(org.curationlab.data.CurationException.class,
                () -> RunSpec.defaults().withText(key.trim(), text.trim(), "--"));
        assertEquals("--" + key.trim() + ": " + message.trim(), flag.getMessage());
    }

    @Test
    void textAndJsonAgree() {
        assertEquals(0.5, RunSchema.FILTER_RATIO.parse(" 0.5 "));
        assertEquals(0.5, RunSchema.FILTER_RATIO.fromJson(JsonNodeFactory.instance.textNode("0.5")));
        assertEquals(3, RunSchema.CHUNKS.fromJson(JsonNodeFactory.instance.numberNode(3)));
        assertEquals(null, RunSchema.CHUNKS.fromJson(JsonNodeFactory.instance.nullNode()), "a machine default may be null");
        assertThrows(Setting.Invalid.class, () -> RunSchema.BATCH.fromJson(JsonNodeFactory.instance.numberNode(1.5)));
        assertThrows(Setting.Invalid.class, () -> RunSchema.SEED.fromJson(JsonNodeFactory.instance.nullNode()));
        assertEquals(true, RunSchema.GREEDY.fromJson(JsonNodeFactory.instance.textNode("TRUE")));
    }
}

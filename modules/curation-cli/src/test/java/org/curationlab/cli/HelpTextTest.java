package org.curationlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every verb's help is printed without picocli's format warnings: picocli formats descriptions, so a
 * plain '%' (as in "10%") made it print "[picocli WARN] Could not format ..." on every call.
 */
class HelpTextTest {
    @Test
    void everyVerbsHelpFormatsWithoutWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> verbs = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            collect(Curate.commandLine(), verbs);
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertFalse(err.contains("picocli WARN"), err);
        assertEquals(true, verbs.contains("curate train") && verbs.contains("curate eval"), "verbs visited: " + verbs);
    }

    private static void collect(CommandLine cl, List<String> verbs) {
        String usage = cl.getUsageMessage();
        assertFalse(usage.isBlank(), cl.getCommandName());
        verbs.add(cl.getCommandSpec().qualifiedName());
        cl.getSubcommands().values().forEach(sub -> collect(sub, verbs));
    }
}

package org.curationlab.harness.plot;

import org.curationlab.harness.summary.MeanSd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text from runs (captions, group names, paths in the provenance) is shown as text in report.html, never as markup. */
class ReportPageTest {
    private static final String HOSTILE = "<script>alert('x')</script> & \"co\" <img src=x onerror=alert(1)>";
    private static final String SHOWN = "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"co\" &lt;img src=x onerror=alert(1)&gt;";

    @ParameterizedTest
    @ValueSource(strings = {"title", "group", "figure caption", "provenance"})
    void textHoldingMarkupIsShownAsText(String where, @TempDir Path dir) throws IOException {
        String title = where.equals("title") ? HOSTILE : "a sweep";
        String group = where.equals("group") ? HOSTILE : "uniform";
        String caption = where.equals("figure caption") ? HOSTILE : "accuracy";
        Map<String, Object> provenance = Map.of("pairs", where.equals("provenance") ? HOSTILE : "none");
        ReportPage.write(dir, title, "zero-shot top-1", Map.of(group, MeanSd.of(0.5, 0.6)), List.of(),
                List.of(new FigureSet.Figure("accuracy-vs-flops", caption)), null, provenance);
        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
        assertFalse(html.contains("<img src=x"), html);
        if (where.equals("provenance")) {
            // The provenance is pretty-printed JSON: its own quotes are escaped as JSON (\"co\").
            assertTrue(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \\\"co\\\""), html);
        } else {
            assertTrue(html.contains(SHOWN), html);
        }
    }

    @Test
    void escapesForTextAndForAttributes() {
        assertEquals("a &lt;b&gt; &amp;amp; \"c\"", ReportPage.esc("a <b> &amp; \"c\""));
        assertEquals("x&quot; onload=&quot;alert(1)&#39;", ReportPage.attr("x\" onload=\"alert(1)'"));
        assertEquals("accuracy-vs-flops", ReportPage.attr("accuracy-vs-flops"));
    }
}

package org.curationlab.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The docs cross-link a lot (README, docs/, results/README.md, the module READMEs) and files move:
 * every relative link must name a file of the repository and, with a #fragment, one of its
 * headings (GitHub's anchor of it).
 */
class DocsLinksTest {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?)\\s*$");

    static Stream<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("results/README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        try (Stream<Path> modules = Files.list(ROOT.resolve("modules"))) {
            modules.map(m -> m.resolve("README.md")).filter(Files::exists).sorted().forEach(pages::add);
        }
        return pages.stream();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void everyRelativeLinkNamesAFileAndHeadingOfTheRepository(Path page) throws IOException {
        List<String> broken = new ArrayList<>();
        for (String link : links(page)) {
            if (link.matches("^[a-z]+:.*")) {
                continue;                      // https:, mailto: ...
            }
            int hash = link.indexOf('#');
            String file = hash < 0 ? link : link.substring(0, hash);
            Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!target.startsWith(ROOT) || !Files.exists(target)) {
                broken.add(link + " (no such file)");
            } else if (hash >= 0 && (Files.isDirectory(target) || !anchors(target).contains(link.substring(hash + 1)))) {
                broken.add(link + " (no such heading)");
            }
        }
        assertEquals(List.of(), broken, ROOT.relativize(page) + ": broken links");
    }

    /** Links outside fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> links = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    links.add(m.group(1));
                }
            }
        }
        return links;
    }

    /** GitHub's anchors: the heading lower-cased, punctuation dropped, spaces as hyphens. */
    private static List<String> anchors(Path page) throws IOException {
        List<String> anchors = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!code && m.matches()) {
                anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}

package org.curationlab.train.results;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the reader of results tables says what it left out or kept against the grain (a torn last
 * line, an unfinished cell): one line each, on stderr unless a command points it elsewhere. A note
 * is said once per process, however often its file is read (a sweep re-reads its table per cell).
 */
public final class ResultsNotes {
    private static final Set<String> SAID = new LinkedHashSet<>();
    private static Consumer<String> sink = System.err::println;

    private ResultsNotes() {
    }

    /** Sends the notes to {@code to} from now on (and forgets which were said); returns the previous sink. */
    public static synchronized Consumer<String> to(Consumer<String> to) {
        Consumer<String> previous = sink;
        sink = to;
        SAID.clear();
        return previous;
    }

    /** Says {@code line} unless it was said already. */
    public static synchronized void note(String line) {
        if (SAID.add(line)) {
            sink.accept(line);
        }
    }
}

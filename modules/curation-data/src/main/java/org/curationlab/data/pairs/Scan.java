package org.curationlab.data.pairs;

import java.util.List;

/** What a source holds: the usable candidates in a stable order, and what was left out on the way. */
public record Scan(List<Candidate> candidates, List<Skip> skips) {
}

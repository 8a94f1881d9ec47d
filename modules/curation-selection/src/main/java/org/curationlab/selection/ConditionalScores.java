package org.curationlab.selection;

/**
 * The conditional scores s_i of every example given a growing selected set S (paper §2.2), kept
 * up to date incrementally: adding one example costs O(B), never a recomputation over S.
 */
public interface ConditionalScores {
    /** The score of example i given the current S; meaningful for i not in S. */
    double score(int i);

    /** Adds example j to S and updates every conditional score. */
    void add(int j);

    /**
     * Adds a chunk's members to S, as {@link #add} of each in turn would, for a selector that reads
     * only outsiders' scores between chunks: members' own scores may go stale. After the
     * {@code last} chunk only {@link #setScore()} is kept, so a scorer may skip the work that
     * updates the outsiders.
     */
    default void addChunk(int[] chunk, boolean last) {
        for (int j : chunk) {
            add(j);
        }
    }

    /** The batch score of the current S. */
    double setScore();
}

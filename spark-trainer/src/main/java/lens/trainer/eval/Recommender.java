package lens.trainer.eval;

import java.util.Arrays;

/**
 * One user's top-n list: the best dot products of the user's and the items' factors among items the user has not
 * seen, filled up with the most popular unseen items when the model has no factors for the user or runs short.
 */
public final class Recommender {

    /** Where a list came from. */
    public enum Source {
        MODEL("als"), POPULARITY("popularity"), MIXED("als+popularity");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** As written to the lake's {@code source} column. */
        public String label() {
            return label;
        }
    }

    /** A list, best first; popularity fill-ins score NaN. */
    public record Recommendation(int[] items, float[] scores, Source source) {
    }

    private final Factors users;
    private final Factors items;
    private final PopularityTable popularity;

    /** @param users and @param items the model's factors, or both null for popularity alone */
    public Recommender(Factors users, Factors items, PopularityTable popularity) {
        if ((users == null) != (items == null)) {
            throw new IllegalArgumentException("give both user and item factors, or neither");
        }
        if (users != null && users.rank() != items.rank()) {
            throw new IllegalArgumentException("user rank " + users.rank() + " != item rank " + items.rank());
        }
        this.users = users;
        this.items = items;
        this.popularity = popularity;
    }

    /** @param seenSorted items not to recommend, ascending */
    public Recommendation recommend(int user, int[] seenSorted, int n) {
        float[] vector = users == null ? null : users.vector(user);
        int[] listed = new int[0];
        float[] scores = new float[0];
        if (vector != null) {
            TopN.Ranked ranked = TopN.select(vector, items.flat(), items.ids(), seenSorted, n);
            listed = ranked.items();
            scores = ranked.scores();
        }
        Source source = listed.length == 0 ? Source.POPULARITY : Source.MODEL;
        if (listed.length < n) {
            int[] exclude = Arrays.copyOf(seenSorted, seenSorted.length + listed.length);
            System.arraycopy(listed, 0, exclude, seenSorted.length, listed.length);
            Arrays.sort(exclude);
            int[] popular = popularity.topExcluding(n - listed.length, exclude);
            if (popular.length > 0 && listed.length > 0) {
                source = Source.MIXED;
            }
            int start = listed.length;
            listed = Arrays.copyOf(listed, start + popular.length);
            scores = Arrays.copyOf(scores, start + popular.length);
            for (int i = 0; i < popular.length; i++) {
                listed[start + i] = popular[i];
                scores[start + i] = Float.NaN;
            }
        }
        return new Recommendation(listed, scores, source);
    }
}

package lens.trainer.als;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The neighbourhood model's movie-to-movie similarities: for each movie its positively similar movies, strongest
 * first (ties: lower index first), at most {@code perMovie} of them, in compressed rows. Computed from residuals on
 * the driver in one pass over the co-rating pairs (each user's ratings against each other), which is what the
 * {@link CoRatingBudget} bounds: about 8M pairs and under a second for MovieLens 100K, where the same
 * arithmetic as a Spark self-join took tens of seconds of shuffles.
 */
public final class ItemSimilarities implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] start;
    private final int[] neighbours;
    private final double[] similarities;

    private ItemSimilarities(int[] start, int[] neighbours, double[] similarities) {
        this.start = start;
        this.neighbours = neighbours;
        this.similarities = similarities;
    }

    /**
     * Shrunk Pearson correlations ({@link ShrunkSimilarity}) of every two movies over the users who rated both,
     * keeping the positive ones.
     *
     * @param perMovie strongest similarities kept per movie (0: all positive ones)
     */
    public static ItemSimilarities compute(UserResiduals residuals, double shrinkage, int perMovie) {
        if (perMovie < 0) {
            throw new IllegalArgumentException("perMovie must be 0 (all) or positive, got " + perMovie);
        }
        int itemCount = residuals.itemCount();
        ItemRaters raters = ItemRaters.of(residuals, itemCount);
        Candidates[] rows = new Candidates[itemCount];
        // movies are independent of each other: the driver's cores share them, a slice of movies at a time
        int slices = Math.min(itemCount, 4 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, slices).parallel().forEach(slice -> {
            Sums sums = new Sums(itemCount);
            for (int item = slice; item < itemCount; item += slices) {
                rows[item] = sums.similaritiesOf(item, raters, residuals, shrinkage, perMovie);
            }
        });
        return assemble(rows);
    }

    /**
     * Similarities given as rows (a saved model): {@code items[r]} is similar to {@code neighbours[r]} by
     * {@code similarities[r]}. Rows may come in any order; each movie's are sorted strongest first.
     */
    public static ItemSimilarities fromRows(int[] items, int[] neighbours, double[] similarities) {
        if (items.length != neighbours.length || items.length != similarities.length) {
            throw new IllegalArgumentException("items, neighbours and similarities differ in length");
        }
        int itemCount = 0;
        for (int item : items) {
            itemCount = Math.max(itemCount, item + 1);
        }
        int[] count = new int[itemCount];
        for (int item : items) {
            count[item]++;
        }
        Candidates[] rows = new Candidates[itemCount];
        for (int item = 0; item < itemCount; item++) {
            rows[item] = new Candidates(count[item]);
        }
        for (int r = 0; r < items.length; r++) {
            rows[items[r]].add(neighbours[r], similarities[r]);
        }
        for (Candidates row : rows) {
            row.sortStrongestFirst(0);
        }
        return assemble(rows);
    }

    /**
     * The neighbourhood prediction of {@code user}'s residual on {@code item}: the similarity-weighted mean of the
     * user's residuals on the (at most) {@code k} most similar movies they rated; 0 when they rated none of the
     * movie's neighbours or either is unknown.
     */
    public double predict(UserResiduals residuals, int user, int item, int k) {
        if (item < 0 || item >= items()) {
            return 0.0;
        }
        double weighted = 0;
        double weights = 0;
        int used = 0;
        for (int p = start[item]; p < start[item + 1] && used < k; p++) {
            int rated = residuals.find(user, neighbours[p]);
            if (rated >= 0) {
                weighted += similarities[p] * residuals.residualAt(rated);
                weights += similarities[p];
                used++;
            }
        }
        return used == 0 ? 0.0 : weighted / weights;
    }

    /** Movies with a row (one more than the largest movie index that had ratings). */
    public int items() {
        return start.length - 1;
    }

    /** Similarities kept, over all movies. */
    public int size() {
        return neighbours.length;
    }

    public int neighbourCount(int item) {
        return item < 0 || item >= items() ? 0 : start[item + 1] - start[item];
    }

    /** The {@code n}-th strongest neighbour of {@code item}. */
    public int neighbour(int item, int n) {
        return neighbours[start[item] + n];
    }

    public double similarity(int item, int n) {
        return similarities[start[item] + n];
    }

    private static ItemSimilarities assemble(Candidates[] rows) {
        int[] start = new int[rows.length + 1];
        for (int item = 0; item < rows.length; item++) {
            start[item + 1] = start[item] + rows[item].size;
        }
        int[] neighbours = new int[start[rows.length]];
        double[] similarities = new double[start[rows.length]];
        for (int item = 0; item < rows.length; item++) {
            System.arraycopy(rows[item].neighbours, 0, neighbours, start[item], rows[item].size);
            System.arraycopy(rows[item].similarities, 0, similarities, start[item], rows[item].size);
        }
        return new ItemSimilarities(start, neighbours, similarities);
    }

    /** Who rated each movie, as positions into the user rows of {@link UserResiduals} (compressed rows). */
    private record ItemRaters(int[] start, int[] users, int[] positions) {

        static ItemRaters of(UserResiduals residuals, int itemCount) {
            int[] start = new int[itemCount + 1];
            for (int p = 0; p < residuals.ratings(); p++) {
                start[residuals.itemAt(p) + 1]++;
            }
            for (int i = 0; i < itemCount; i++) {
                start[i + 1] += start[i];
            }
            int[] next = Arrays.copyOf(start, itemCount);
            int[] users = new int[residuals.ratings()];
            int[] positions = new int[residuals.ratings()];
            for (int user = 0; user < residuals.users(); user++) {
                for (int p = residuals.from(user); p < residuals.to(user); p++) {
                    int slot = next[residuals.itemAt(p)]++;
                    users[slot] = user;
                    positions[slot] = p;
                }
            }
            return new ItemRaters(start, users, positions);
        }
    }

    /** A slice's running sums of one movie against every other: reused movie after movie. */
    private static final class Sums {
        private final double[] products;
        private final double[] squaresOwn;
        private final double[] squaresOther;
        private final int[] common;
        private final int[] touched;

        Sums(int itemCount) {
            products = new double[itemCount];
            squaresOwn = new double[itemCount];
            squaresOther = new double[itemCount];
            common = new int[itemCount];
            touched = new int[itemCount];
        }

        Candidates similaritiesOf(int item, ItemRaters raters, UserResiduals residuals, double shrinkage,
                                  int perMovie) {
            int touchedCount = 0;
            for (int r = raters.start()[item]; r < raters.start()[item + 1]; r++) {
                int user = raters.users()[r];
                double own = residuals.residualAt(raters.positions()[r]);
                for (int p = residuals.from(user); p < residuals.to(user); p++) {
                    int other = residuals.itemAt(p);
                    if (other == item) {
                        continue;
                    }
                    double theirs = residuals.residualAt(p);
                    if (common[other]++ == 0) {
                        touched[touchedCount++] = other;
                    }
                    products[other] += own * theirs;
                    squaresOwn[other] += own * own;
                    squaresOther[other] += theirs * theirs;
                }
            }
            Candidates row = new Candidates(touchedCount);
            for (int t = 0; t < touchedCount; t++) {
                int other = touched[t];
                double similarity = ShrunkSimilarity.of(products[other], squaresOwn[other], squaresOther[other],
                        common[other], shrinkage);
                if (similarity > 0) {
                    row.add(other, similarity);
                }
                products[other] = 0;
                squaresOwn[other] = 0;
                squaresOther[other] = 0;
                common[other] = 0;
            }
            row.sortStrongestFirst(perMovie);
            return row;
        }
    }

    /** One movie's neighbours while they are gathered. */
    private static final class Candidates {
        private int[] neighbours;
        private double[] similarities;
        private int size;

        Candidates(int capacity) {
            neighbours = new int[capacity];
            similarities = new double[capacity];
        }

        void add(int neighbour, double similarity) {
            neighbours[size] = neighbour;
            similarities[size] = similarity;
            size++;
        }

        /** Strongest first, ties by the lower index; then keeps {@code limit} (0: all). */
        void sortStrongestFirst(int limit) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int bySimilarity = Double.compare(similarities[b], similarities[a]);
                return bySimilarity != 0 ? bySimilarity : Integer.compare(neighbours[a], neighbours[b]);
            });
            int kept = limit == 0 ? size : Math.min(limit, size);
            int[] sortedNeighbours = new int[kept];
            double[] sortedSimilarities = new double[kept];
            for (int i = 0; i < kept; i++) {
                sortedNeighbours[i] = neighbours[order[i]];
                sortedSimilarities[i] = similarities[order[i]];
            }
            neighbours = sortedNeighbours;
            similarities = sortedSimilarities;
            size = kept;
        }
    }
}

package lens.trainer.eval;

import java.util.Arrays;

/**
 * Latent factors of one side of a factorisation model (users or items), {@code rank} floats per id, held in one
 * flat array in ascending id order. Ids are ALS indexes; an id without factors (unseen in training) has none.
 */
public final class Factors {

    private final int rank;
    private final int[] ids;
    private final float[] flat;
    private final int[] positionById;

    /** @param ids ascending, distinct; {@code flat} holds {@code rank} values per id in the same order */
    public Factors(int rank, int[] ids, float[] flat) {
        if (rank < 1 || flat.length != (long) ids.length * rank) {
            throw new IllegalArgumentException(ids.length + " ids of rank " + rank + " need " + ids.length * rank
                    + " values, got " + flat.length);
        }
        int bound = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || (i > 0 && ids[i] <= ids[i - 1])) {
                throw new IllegalArgumentException("ids must be ascending and non-negative");
            }
            bound = ids[i] + 1;
        }
        this.rank = rank;
        this.ids = ids;
        this.flat = flat;
        this.positionById = new int[bound];
        Arrays.fill(positionById, -1);
        for (int i = 0; i < ids.length; i++) {
            positionById[ids[i]] = i;
        }
    }

    public int rank() {
        return rank;
    }

    /** The id's factor vector, or null if the model has none for it. */
    public float[] vector(int id) {
        if (id < 0 || id >= positionById.length || positionById[id] < 0) {
            return null;
        }
        int from = positionById[id] * rank;
        return Arrays.copyOfRange(flat, from, from + rank);
    }

    /** Ids in ascending order (shared array: do not modify). */
    int[] ids() {
        return ids;
    }

    /** All factors, {@code rank} per id in {@link #ids()} order (shared array: do not modify). */
    float[] flat() {
        return flat;
    }
}

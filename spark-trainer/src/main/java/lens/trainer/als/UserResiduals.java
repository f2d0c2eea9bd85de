package lens.trainer.als;

import java.io.Serializable;
import java.util.Arrays;
import lens.trainer.eval.UserSlots;

/**
 * Each user's training residuals (rating minus baseline) by movie, in compressed rows: user {@code u}'s movies are
 * {@code items[start[u] .. start[u + 1])}, ascending, with their residuals beside them. Plain arrays, so the
 * neighbourhood model travels to executors as one small broadcast and answers "what did u think of j" by binary
 * search.
 */
public final class UserResiduals implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] start;
    private final int[] items;
    private final double[] residuals;

    private UserResiduals(int[] start, int[] items, double[] residuals) {
        this.start = start;
        this.items = items;
        this.residuals = residuals;
    }

    /**
     * @param users     user index of each rating (0 or more)
     * @param items     movie index of each rating (0 or more)
     * @param residuals residual of each rating
     * @throws IllegalArgumentException on arrays of different lengths, a negative index, or one user rating the same
     *                                  movie twice (ratings are deduplicated before they get here)
     */
    public static UserResiduals of(int[] users, int[] items, double[] residuals) {
        if (users.length != residuals.length) {
            throw new IllegalArgumentException("users, items and residuals differ in length: " + users.length + ", "
                    + items.length + ", " + residuals.length);
        }
        int[] start = UserSlots.offsets(users, items);
        int userCount = start.length - 1;
        int[] next = Arrays.copyOf(start, userCount);
        long[] packed = new long[users.length];
        for (int i = 0; i < users.length; i++) {
            // movie in the high half, row in the low half: sorting a user's slot sorts by movie
            packed[next[users[i]]++] = ((long) items[i] << 32) | i;
        }
        int[] sortedItems = new int[users.length];
        double[] sortedResiduals = new double[users.length];
        for (int u = 0; u < userCount; u++) {
            Arrays.sort(packed, start[u], start[u + 1]);
            for (int p = start[u]; p < start[u + 1]; p++) {
                int row = (int) packed[p];
                sortedItems[p] = items[row];
                sortedResiduals[p] = residuals[row];
                if (p > start[u] && sortedItems[p] == sortedItems[p - 1]) {
                    throw new IllegalArgumentException("user " + u + " rated movie " + sortedItems[p] + " twice");
                }
            }
        }
        return new UserResiduals(start, sortedItems, sortedResiduals);
    }

    public int users() {
        return start.length - 1;
    }

    public int ratings() {
        return items.length;
    }

    /** One more than the largest movie index rated. */
    int itemCount() {
        int max = -1;
        for (int item : items) {
            max = Math.max(max, item);
        }
        return max + 1;
    }

    int from(int user) {
        return start[user];
    }

    int to(int user) {
        return start[user + 1];
    }

    int itemAt(int position) {
        return items[position];
    }

    double residualAt(int position) {
        return residuals[position];
    }

    /** The position of {@code item} among {@code user}'s ratings, or -1 if they did not rate it (or are unknown). */
    int find(int user, int item) {
        if (user < 0 || user >= users()) {
            return -1;
        }
        int found = Arrays.binarySearch(items, start[user], start[user + 1], item);
        return found >= 0 ? found : -1;
    }
}

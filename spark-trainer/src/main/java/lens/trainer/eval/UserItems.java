package lens.trainer.eval;

import java.util.Arrays;

/**
 * The distinct items of every user, sorted ascending: what each user has seen, or their held-out positives.
 * Users and items are ALS indexes (small non-negative ints), so the table is two flat arrays, offsets by user.
 */
public final class UserItems {

    private static final int[] NONE = new int[0];

    private final int[] offsets;
    private final int[] items;

    private UserItems(int[] offsets, int[] items) {
        this.offsets = offsets;
        this.items = items;
    }

    /** From (user, item) pairs at the same positions; duplicate pairs count once. */
    public static UserItems of(int[] users, int[] items) {
        int[] offsets = UserSlots.offsets(users, items);
        int userCount = offsets.length - 1;
        int[] next = Arrays.copyOf(offsets, userCount);
        int[] grouped = new int[items.length];
        for (int i = 0; i < users.length; i++) {
            grouped[next[users[i]]++] = items[i];
        }
        // sort each user's run and squeeze out duplicates in place
        int[] compactOffsets = new int[userCount + 1];
        int write = 0;
        for (int u = 0; u < userCount; u++) {
            Arrays.sort(grouped, offsets[u], offsets[u + 1]);
            compactOffsets[u] = write;
            for (int i = offsets[u]; i < offsets[u + 1]; i++) {
                if (i == offsets[u] || grouped[i] != grouped[i - 1]) {
                    grouped[write++] = grouped[i];
                }
            }
        }
        compactOffsets[userCount] = write;
        return new UserItems(compactOffsets, Arrays.copyOf(grouped, write));
    }

    /** One past the highest user index with a row (users below it may have none). */
    public int userBound() {
        return offsets.length - 1;
    }

    /** The user's items, sorted ascending (empty for an unknown user). */
    public int[] itemsOf(int user) {
        if (user < 0 || user >= userBound() || offsets[user] == offsets[user + 1]) {
            return NONE;
        }
        return Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
    }

    public boolean has(int user) {
        return user >= 0 && user < userBound() && offsets[user] < offsets[user + 1];
    }

    /** Distinct (user, item) pairs. */
    public int pairs() {
        return items.length;
    }

    /** Per user, the items that {@code other} does not hold for that user. */
    public UserItems minus(UserItems other) {
        int[] newOffsets = new int[offsets.length];
        int[] kept = new int[items.length];
        int write = 0;
        for (int u = 0; u < userBound(); u++) {
            newOffsets[u] = write;
            int[] exclude = other.itemsOf(u);
            for (int i = offsets[u]; i < offsets[u + 1]; i++) {
                if (Arrays.binarySearch(exclude, items[i]) < 0) {
                    kept[write++] = items[i];
                }
            }
        }
        newOffsets[userBound()] = write;
        return new UserItems(newOffsets, Arrays.copyOf(kept, write));
    }

    /** Popularity of each item as the number of distinct users holding it, for items below {@code catalogSize}. */
    public PopularityTable popularity(int catalogSize) {
        long[] counts = new long[catalogSize];
        for (int item : items) {
            if (item < catalogSize) {
                counts[item]++;
            }
        }
        return new PopularityTable(counts);
    }
}

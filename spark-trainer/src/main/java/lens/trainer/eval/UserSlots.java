package lens.trainer.eval;

/**
 * Where each user's rows go when (user, item, ...) rows are grouped by user into flat arrays: user {@code u} owns
 * slots {@code offsets[u]} to {@code offsets[u + 1]} (exclusive), users without rows an empty range.
 */
public final class UserSlots {

    private UserSlots() {
    }

    /**
     * @return {@code offsets}, of length (highest user + 2)
     * @throws IllegalArgumentException on arrays of different lengths or a negative index
     */
    public static int[] offsets(int[] users, int[] items) {
        if (users.length != items.length) {
            throw new IllegalArgumentException(users.length + " users but " + items.length + " items");
        }
        int userCount = 0;
        for (int i = 0; i < users.length; i++) {
            if (users[i] < 0 || items[i] < 0) {
                throw new IllegalArgumentException("negative index at row " + i + ": user " + users[i] + ", item "
                        + items[i]);
            }
            userCount = Math.max(userCount, users[i] + 1);
        }
        int[] offsets = new int[userCount + 1];
        for (int user : users) {
            offsets[user + 1]++;
        }
        for (int u = 0; u < userCount; u++) {
            offsets[u + 1] += offsets[u];
        }
        return offsets;
    }
}

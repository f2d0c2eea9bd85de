package lens.trainer.als;

import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import lens.trainer.eval.UserItems;
import lens.trainer.model.IdIndex;

/** The window's (user, movie) pairs ({@link WindowPairs}) as ALS indexes, mapped once for every selection. */
final class IndexedPairs {

    private final int[] users;
    private final int[] movies;

    private IndexedPairs(int[] users, int[] movies) {
        this.users = users;
        this.movies = movies;
    }

    /** Every id of the window is in the indexes (they were extended with the window's ids). */
    static IndexedPairs of(WindowPairs window, IdIndex userIndex, IdIndex movieIndex) {
        int[] users = new int[window.pairs()];
        int[] movies = new int[window.pairs()];
        for (int i = 0; i < users.length; i++) {
            users[i] = userIndex.indexOf(window.userIds()[i]).orElseThrow();
            movies[i] = movieIndex.indexOf(window.movieIds()[i]).orElseThrow();
        }
        return new IndexedPairs(users, movies);
    }

    /** The pairs {@code which} selects (by position in the window's summary). */
    UserItems select(IntPredicate which) {
        int[] selected = IntStream.range(0, users.length).filter(which).toArray();
        int[] selectedUsers = new int[selected.length];
        int[] selectedMovies = new int[selected.length];
        for (int i = 0; i < selected.length; i++) {
            selectedUsers[i] = users[selected[i]];
            selectedMovies[i] = movies[selected[i]];
        }
        return UserItems.of(selectedUsers, selectedMovies);
    }
}

package lens.sim.replay;

import lens.events.UserInteraction;

/** One MovieLens rating, with the dataset's own ids and event time. */
public record MovieLensRating(long userId, long movieId, double rating, long timestampMillis) {

    /**
     * The rate event this rating becomes. The event id is derived from the rating itself, so replaying the same
     * file twice produces the same ids (downstream deduplication can recognise the second copy).
     */
    public UserInteraction toEvent(long shiftMillis) {
        long timestamp = timestampMillis + shiftMillis;
        return UserInteraction.rate("ml-" + userId + "-" + movieId + "-" + timestampMillis, timestamp, userId,
                movieId, rating);
    }
}

package lens.trainer.metrics;

/**
 * One row of a serving hour's mergeable state, as stored in {@code state/} Parquet: a counter, a maximum or an
 * encoded sketch, identified by {@code kind} and up to two keys (e.g. model name and version).
 */
public record StateEntry(String kind, String key, String subkey, long count, double value, String text) {

    public static StateEntry count(String kind, String key, String subkey, long count) {
        return new StateEntry(kind, key, subkey, count, 0, null);
    }
}

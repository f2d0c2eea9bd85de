package lens.batch.config;

/** What a job does with hours missed while the scheduler was down. */
public enum CatchUp {
    /** Run every missed hour once, oldest first (metric aggregation, A/B reports). */
    EVERY_HOUR,
    /** Run only the latest missed hour (ALS retraining: a model for a stale window is waste). */
    LATEST_ONLY
}

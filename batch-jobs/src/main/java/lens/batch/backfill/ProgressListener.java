package lens.batch.backfill;

import lens.batch.runs.RunOutcome;

/** Hears a backfill's progress; called from worker threads, one call at a time. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total, outcome) -> { };

    /**
     * @param done    runs finished so far (including this one)
     * @param total   runs in the backfill
     * @param outcome the run that just finished
     */
    void finished(int done, int total, RunOutcome outcome);
}

package lens.batch.runs;

/** How to treat a window that already has runs. */
public enum RunMode {
    /** Skip a completed window, restart a failed one from its failed step, start version 1 of a new one. */
    ONCE,
    /** Start a new version of the window even when one completed (backfill --force, late data). */
    NEW_VERSION
}

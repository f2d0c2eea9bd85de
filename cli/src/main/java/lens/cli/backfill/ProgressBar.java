package lens.cli.backfill;

import java.time.Duration;

/** One line of backfill progress: bar, runs done of total, rate and time left. Pure: rendering only. */
public final class ProgressBar {

    private final int width;

    public ProgressBar(int width) {
        this.width = width;
    }

    public String render(int done, int total, Duration elapsed) {
        int filled = total == 0 ? width : (int) Math.round(width * (double) done / total);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = done / seconds * 60.0;
        String eta = done == 0 ? "--:--" : clock(Duration.ofMillis((long) (elapsed.toMillis()
                * (double) (total - done) / done)));
        return String.format("[%s%s] %d/%d runs  %.1f runs/min  elapsed %s  ETA %s", "#".repeat(filled),
                ".".repeat(width - filled), done, total, rate, clock(elapsed), eta);
    }

    static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds >= 3600) {
            return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format("%02d:%02d", seconds / 60, seconds % 60);
    }
}

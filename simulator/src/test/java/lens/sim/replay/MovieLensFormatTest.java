package lens.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import lens.events.InteractionType;
import lens.events.UserInteraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensFormatTest {

    @TempDir
    Path dir;

    @Test
    void givenAUDataLine_whenParsing_thenIdsRatingAndMillisecondTimeComeOut() {
        MovieLensRating rating = MovieLensFormat.U_DATA.parse("196\t242\t3\t881250949");
        assertThat(rating).isEqualTo(new MovieLensRating(196, 242, 3.0, 881_250_949_000L));
    }

    @Test
    void givenARatingsCsvLine_whenParsing_thenHalfStarsAreKept() {
        assertThat(MovieLensFormat.RATINGS_CSV.parse("1,31,2.5,1260759144"))
                .isEqualTo(new MovieLensRating(1, 31, 2.5, 1_260_759_144_000L));
    }

    @Test
    void givenBadLines_whenParsing_thenTheReasonIsGiven() {
        assertThatThrownBy(() -> MovieLensFormat.U_DATA.parse("1\t2\t3")).hasMessageContaining("expected 4 fields");
        assertThatThrownBy(() -> MovieLensFormat.RATINGS_CSV.parse("1,2,x,4")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> MovieLensFormat.RATINGS_CSV.parse("1,2,7,4")).hasMessageContaining("outside 0.5..5");
    }

    @Test
    void givenFolders_whenDetecting_thenTheRatingsFileDecidesTheFormat() throws Exception {
        assertThat(MovieLensFormat.detect(dir)).isEmpty();
        Files.writeString(dir.resolve("u.data"), "1\t2\t3\t4\n");
        assertThat(MovieLensFormat.detect(dir)).contains(MovieLensFormat.U_DATA);
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n");
        assertThat(MovieLensFormat.detect(dir)).contains(MovieLensFormat.RATINGS_CSV);
    }

    @Test
    void givenARating_whenTurnedIntoAnEvent_thenItIsAShiftedRateEventWithAStableId() {
        UserInteraction event = new MovieLensRating(7, 9, 4.0, 1_000_000L).toEvent(3_600_000L);
        assertThat(event.interactionType()).isEqualTo(InteractionType.RATE);
        assertThat(event.timestamp()).isEqualTo(4_600_000L);
        assertThat(event.rating()).isEqualTo(4.0);
        assertThat(event.eventId()).isEqualTo("ml-7-9-1000000");
        assertThat(event.key()).isEqualTo("7");
    }
}

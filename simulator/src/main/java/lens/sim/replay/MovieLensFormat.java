package lens.sim.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two MovieLens layouts LENS replays: 100K's {@code u.data} (tab separated {@code user item rating timestamp},
 * no header) and the {@code ratings.csv} of ml-latest(-small), 20M, 25M and 32M
 * ({@code userId,movieId,rating,timestamp} with a header). Timestamps are epoch seconds.
 */
public enum MovieLensFormat {
    U_DATA("u.data", "\t", false),
    RATINGS_CSV("ratings.csv", ",", true);

    private final String fileName;
    private final String separator;
    private final boolean header;

    MovieLensFormat(String fileName, String separator, boolean header) {
        this.fileName = fileName;
        this.separator = separator;
        this.header = header;
    }

    public String fileName() {
        return fileName;
    }

    public boolean hasHeader() {
        return header;
    }

    /** Which file of {@code dir} holds the ratings; {@code ratings.csv} wins when both exist. */
    public static Optional<MovieLensFormat> detect(Path dir) {
        if (Files.isRegularFile(dir.resolve(RATINGS_CSV.fileName))) {
            return Optional.of(RATINGS_CSV);
        }
        if (Files.isRegularFile(dir.resolve(U_DATA.fileName))) {
            return Optional.of(U_DATA);
        }
        return Optional.empty();
    }

    /**
     * Parses one data line.
     *
     * @throws IllegalArgumentException with the reason when the line is not a rating
     */
    public MovieLensRating parse(String line) {
        String[] parts = line.trim().split(separator.equals("\t") ? "\\s+" : ",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected 4 fields, got " + parts.length);
        }
        try {
            long user = Long.parseLong(parts[0].trim());
            long movie = Long.parseLong(parts[1].trim());
            double rating = Double.parseDouble(parts[2].trim());
            long seconds = Long.parseLong(parts[3].trim());
            if (user < 0 || movie < 0) {
                throw new IllegalArgumentException("negative id");
            }
            if (!(rating >= 0.5 && rating <= 5.0)) {
                throw new IllegalArgumentException("rating " + rating + " outside 0.5..5");
            }
            if (seconds < 0) {
                throw new IllegalArgumentException("negative timestamp");
            }
            return new MovieLensRating(user, movie, rating, seconds * 1000L);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage());
        }
    }

}

package lens.cli.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * What a screenshot holds, colour-wise: a blank or text-only page has few colours and hardly any saturated
 * pixels (text and table rules are grey); drawn charts add the palette's lines, bars and dots.
 *
 * @param distinct        distinct RGB colours
 * @param chromaticPixels pixels whose channels differ by at least {@link #CHROMA} (clearly not grey)
 * @param pixels          all pixels
 */
public record ScreenshotColours(int distinct, long chromaticPixels, long pixels) {

    static final int CHROMA = 60;

    static ScreenshotColours of(Path png) {
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png, e);
        }
        if (image == null) {
            throw new IllegalArgumentException(png + " is not an image ImageIO reads");
        }
        Set<Integer> colours = new HashSet<>();
        long chromatic = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) >= CHROMA) {
                    chromatic++;
                }
            }
        }
        return new ScreenshotColours(colours.size(), chromatic, (long) image.getWidth() * image.getHeight());
    }
}

package lens.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a LENS report in headless Chromium (Debian's {@code chromium}) once, dumping the rendered DOM and taking a
 * screenshot in the same run, and asserts what a person needs: no console output and no script error, every chart
 * drawn with data, and a screenshot that is neither blank nor without charts.
 */
public final class ReportInBrowser {

    /**
     * Screenshot thresholds (1100x4400 px, Chromium 156). Measured on ReportCommandTest's report: a blank page has
     * 1 colour and no coloured pixel; the report with its script removed (tables, no charts) 1,254 colours and
     * 1,857 coloured pixels; with its charts 2,069 colours and 227,526 coloured pixels. So: not blank, and charts
     * drawn (about 1 % of the page).
     */
    static final int MIN_DISTINCT_COLOURS = 200;
    static final long MIN_CHART_PIXELS = 50_000;

    private ReportInBrowser() {
    }

    /** Renders {@code report}, leaves the screenshot at {@code screenshot} and returns what it measured. */
    public static ScreenshotColours assertEveryChartRendersWithData(Path report, Path screenshot, Path scratch)
            throws Exception {
        Path chromium = chromium();
        Files.deleteIfExists(screenshot);

        Browser run = browse(chromium, report, scratch, "--dump-dom", "--screenshot=" + screenshot);

        assertThat(run.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList())
                .as("console output of the report").isEmpty();
        assertThat(attribute(run.stdout, "body", "data-report-ready")).isEqualTo("true");
        assertThat(attribute(run.stdout, "body", "data-errors")).isEmpty();
        for (String id : ReportGenerator.CHART_IDS) {
            Matcher m = Pattern.compile("id=\"chart-" + id + "\"[^>]*data-rendered=\"([^\"]*)\"").matcher(run.stdout);
            assertThat(m.find()).as("chart %s present", id).isTrue();
            assertThat(m.group(1)).as("points drawn in chart %s", id).matches("[1-9][0-9]*");
        }
        ScreenshotColours colours = ScreenshotColours.of(screenshot);
        System.out.println("screenshot-checked " + screenshot + ": " + colours);
        assertThat(colours.distinct()).as("distinct colours in %s", screenshot).isGreaterThan(MIN_DISTINCT_COLOURS);
        assertThat(colours.chromaticPixels()).as("coloured (chart) pixels in %s", screenshot)
                .isGreaterThan(MIN_CHART_PIXELS);
        return colours;
    }

    private record Browser(String stdout, String stderr) {
    }

    private static Browser browse(Path chromium, Path page, Path scratch, String... actions) throws Exception {
        Path profile = Files.createTempDirectory(scratch, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--window-size=1100,4400"));
        command.addAll(List.of(actions));
        command.add(page.toUri().toString());
        Path out = scratch.resolve("chromium.out");
        Path err = scratch.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 90 s: " + Files.readString(err));
        }
        return new Browser(Files.readString(out), Files.readString(err));
    }

    private static String attribute(String dom, String tag, String name) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*\\b" + name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("<%s %s=...> in the rendered DOM", tag, name).isTrue();
        return m.group(1);
    }

    /** Debian's chromium; absent: skip locally with a message, fail on CI. */
    private static Path chromium() {
        for (String candidate : List.of(System.getenv().getOrDefault("LENS_CHROMIUM", ""), "/usr/bin/chromium",
                "/usr/bin/chromium-browser")) {
            if (!candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String message = "chromium not found (install: apt-get update && apt-get install -y chromium)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
        return null;
    }
}

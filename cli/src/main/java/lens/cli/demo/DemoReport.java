package lens.cli.demo;

import java.nio.file.Path;
import lens.cli.report.ReportGenerator;
import lens.events.EventHour;

/** Writes the HTML report of the demo's hours to {@code <workdir>/report.html}. */
final class DemoReport {

    private DemoReport() {
    }

    static Path write(Path workdir, EventHour from, EventHour to) {
        return ReportGenerator.write(workdir.resolve("lake"), workdir.resolve("report.html"), from, to);
    }
}

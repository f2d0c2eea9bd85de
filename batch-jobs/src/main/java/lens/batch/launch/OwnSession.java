package lens.batch.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a child in its own session ({@code setsid}) where the system has one. A terminal's Ctrl-C goes to its
 * whole foreground process group: without this, every spark-submit driver would die with LENS's JVM on the same
 * keystroke, and the runs that LENS means to let finish would fail instead.
 */
final class OwnSession {

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private OwnSession() {
    }

    static List<String> wrap(List<String> argv) {
        return setsid().map(setsid -> {
            List<String> wrapped = new ArrayList<>(argv.size() + 1);
            wrapped.add(setsid.toString());
            wrapped.addAll(argv);
            return wrapped;
        }).orElse(argv);
    }

    static Optional<Path> setsid() {
        return SETSID.stream().filter(Files::isExecutable).findFirst();
    }
}

package lens.cli.demo;

import java.io.PrintStream;
import java.util.function.Supplier;

/** Numbered, timed steps on the console, so a person sees where the demo is and what each stage cost. */
final class DemoConsole {

    private final PrintStream out;
    private int step;

    DemoConsole(PrintStream out) {
        this.out = out;
    }

    void title(String text) {
        out.println(text);
        out.println("-".repeat(Math.min(100, text.length())));
    }

    <T> T step(String name, Supplier<T> action) {
        step++;
        out.printf("[%d] %-28s ", step, name + "...");
        out.flush();
        long started = System.nanoTime();
        T result = action.get();
        out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return result;
    }

    void detail(String text) {
        out.println("    " + text);
    }
}

package lens.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import lens.events.EventHour;
import lens.trainer.model.ModelMetadata;
import lens.trainer.model.ModelRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {

    @TempDir
    Path work;

    private ModelRegistry registry;
    private String older;
    private String newer;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void twoPromotedVersions() {
        registry = ModelRegistry.forWorkDir(work);
        older = save("2026-11-29T07", 0.93);
        newer = save("2026-11-29T08", 0.91);
        registry.promote(older, "first");
        registry.promote(newer, "better");
    }

    private String save(String hour, double rmse) {
        String version = registry.newVersion(EventHour.parse(hour));
        registry.saveMetadata(new ModelMetadata(version, "2026-11-29T09:00:00Z", hour + ":00Z", 720, 0,
                Map.of("explicit.rank", "20"), Map.of("rmse", rmse, "ratings", 1234.0), "fp", Map.of()));
        return version;
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ModelCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void givenTwoVersions_whenListing_thenBothShowWithTheChampionMarked() {
        assertThat(run("list", "--workdir", work.toString())).isZero();
        assertThat(out.toString()).contains("* " + newer).contains("  " + older).contains("0.9100")
                .contains("champion: " + newer);
    }

    @Test
    void givenNoVersion_whenShowing_thenTheChampionsRecordIsPrinted() {
        assertThat(run("show", "--workdir", work.toString())).isZero();
        assertThat(out.toString()).contains("\"version\" : \"" + newer + "\"").contains("\"explicit.rank\"")
                .contains("champion: yes");
    }

    @Test
    void givenAnUnknownVersion_whenShowing_thenItFailsWithAMessage() {
        assertThat(run("show", "nope", "--workdir", work.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no complete model version 'nope'");
    }

    @Test
    void givenAChampionWithAPredecessor_whenRollingBack_thenThePointerMovesBackAndASecondRollbackFails() {
        assertThat(run("rollback", "--workdir", work.toString(), "--reason", "CTR dropped")).isZero();
        assertThat(out.toString()).contains("champion: " + newer + " -> " + older);
        assertThat(registry.champion()).contains(older);
        assertThat(registry.championPointer().orElseThrow().reason()).contains("CTR dropped");

        assertThat(run("rollback", "--workdir", work.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot roll back");
        assertThat(registry.champion()).contains(older);
    }
}

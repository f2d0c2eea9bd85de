package lens.batch.hourly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lens.batch.config.PipelineProperties;
import lens.events.EventHour;
import lens.events.LakeLayout;
import lens.trainer.job.JobResult;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Step 3: the summary is in the lake, agrees with what the launcher returned, and passes {@link ResultValidator}. */
class ValidateResultTasklet implements Tasklet {

    private final String job;
    private final PipelineProperties pipeline;

    ValidateResultTasklet(String job, PipelineProperties pipeline) {
        this.job = job;
        this.pipeline = pipeline;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        EventHour window = WindowParameters.window(execution.getJobParameters());
        JobResult result = new RunContext(execution).result();
        List<String> problems = new ArrayList<>(ResultValidator.problems(job, window, result));
        Path summary = pipeline.localLakeRoot().resolve(LakeLayout.summary(job, window));
        if (!Files.isRegularFile(summary)) {
            problems.add("summary file " + summary + " is missing");
        } else {
            JobResult written = JobResult.fromJson(read(summary));
            if (!written.metrics().equals(result.metrics())) {
                problems.add("summary file " + summary + " has other metrics than the run returned");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidResultException("result of " + job + " for " + window + " is invalid: "
                    + String.join("; ", problems));
        }
        return RepeatStatus.FINISHED;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

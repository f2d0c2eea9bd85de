package lens.batch.hourly;

import java.util.Map;
import java.util.TreeMap;
import lens.trainer.job.JobResult;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the steps of one run hand to each other, kept in the job execution context (so a restart sees what the
 * completed steps of the failed execution left): the input revisions, the Spark result and when it finished.
 */
public final class RunContext {

    static final String INPUT_REVISIONS = "lens.inputRevisions";
    static final String RESULT = "lens.result";
    static final String RESULT_AT = "lens.resultAt";
    static final String APPLICATION_ID = "lens.applicationId";
    static final String DRIVER_LOG = "lens.driverLog";
    static final String LAUNCHER = "lens.launcher";

    private final ExecutionContext context;

    public RunContext(JobExecution execution) {
        this.context = execution.getExecutionContext();
    }

    /**
     * What the run read: the manifest revision per input topic, e.g. {@code {ab-test-events=2}}, and the completed
     * version per upstream hour, e.g. {@code {serving-metrics@2026-11-29T05=1}} ({@link UpstreamCheck}).
     */
    public Map<String, Integer> inputRevisions() {
        String text = context.containsKey(INPUT_REVISIONS) ? context.getString(INPUT_REVISIONS) : "";
        Map<String, Integer> revisions = new TreeMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                revisions.put(pair.substring(0, eq), Integer.parseInt(pair.substring(eq + 1)));
            }
        }
        return revisions;
    }

    void inputRevisions(Map<String, Integer> revisions) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(revisions).forEach((topic, revision) ->
                text.append(text.isEmpty() ? "" : ",").append(topic).append('=').append(revision));
        context.putString(INPUT_REVISIONS, text.toString());
    }

    public JobResult result() {
        if (!context.containsKey(RESULT)) {
            throw new IllegalStateException("the run has no Spark result: step " + StepNames.RUN_SPARK
                    + " has not completed");
        }
        return JobResult.fromJson(context.getString(RESULT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public long resultAt() {
        return context.getLong(RESULT_AT);
    }

    void result(JobResult result, long at, String launcher, String applicationId, String driverLog) {
        context.putString(RESULT, new String(result.toJson(), java.nio.charset.StandardCharsets.UTF_8));
        context.putLong(RESULT_AT, at);
        context.putString(LAUNCHER, launcher);
        if (applicationId != null) {
            context.putString(APPLICATION_ID, applicationId);
        }
        if (driverLog != null) {
            context.putString(DRIVER_LOG, driverLog);
        }
    }

    public String applicationId() {
        return context.containsKey(APPLICATION_ID) ? context.getString(APPLICATION_ID) : null;
    }

    public String driverLog() {
        return context.containsKey(DRIVER_LOG) ? context.getString(DRIVER_LOG) : null;
    }
}

package lens.trainer.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback, started from the Maven jars of Spark: a
 * {@code org.apache.spark.deploy.master.Master} and one {@code org.apache.spark.deploy.worker.Worker}, each a child
 * JVM bound to 127.0.0.1. The worker launches executors the way a production worker does, from
 * {@code $SPARK_HOME/jars}; that folder is made of symlinks to the jars of a Spark distribution, as resolved when
 * this module was built (no 300 MB copy).
 *
 * <pre>
 * try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(workDir)) {
 *     Submission run = cluster.submit(appJar, "lens.trainer.SparkJobMain", List.of(), List.of("als-retrain", ...),
 *             Duration.ofMinutes(5));
 * }
 * </pre>
 */
public final class LocalStandaloneCluster implements AutoCloseable {

    /** The JVM options Spark 4 needs on Java 17 (the same opens the build's tests use). */
    public static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private static final String HOST = "127.0.0.1";
    /** Written by the build (maven-dependency-plugin): Spark with its provided and its runtime dependencies. */
    private static final List<String> DISTRIBUTION = List.of("/lens/spark-distribution-provided.classpath",
            "/lens/spark-distribution-runtime.classpath");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** What a {@link #submit} run printed and how it ended. */
    public record Submission(int exitCode, String output) {
    }

    private final Path workDir;
    private final Path sparkHome;
    private final String masterUrl;
    private final List<Process> processes = new ArrayList<>();

    private LocalStandaloneCluster(Path workDir, Path sparkHome, String masterUrl) {
        this.workDir = workDir;
        this.sparkHome = sparkHome;
        this.masterUrl = masterUrl;
    }

    /**
     * Starts a master and one worker (2 cores, 2 GB) with their logs, SPARK_HOME and work folders under
     * {@code workDir}; returns once the worker has registered with the master.
     */
    public static LocalStandaloneCluster start(Path workDir) {
        try {
            Path dir = Files.createDirectories(workDir.toAbsolutePath());
            Path sparkHome = linkSparkHome(dir.resolve("spark-home"));
            int masterPort = freePort();
            LocalStandaloneCluster cluster = new LocalStandaloneCluster(dir, sparkHome,
                    "spark://" + HOST + ":" + masterPort);
            try {
                int masterUi = freePort();
                cluster.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", HOST,
                        "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterUi)));
                waitForPort(masterPort, cluster.processes.get(0), dir.resolve("master.log"));
                cluster.launch("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", HOST,
                        "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                        "--cores", "2", "--memory", "2g",
                        "--work-dir", Files.createDirectories(cluster.workerDir()).toString(),
                        cluster.masterUrl));
                waitForAliveWorker(masterUi, cluster.processes.get(1), dir.resolve("worker.log"));
                return cluster;
            } catch (RuntimeException | IOException e) {
                cluster.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the standalone cluster", e);
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** A SPARK_HOME whose {@code jars/} holds the Spark jars: pass it to tools that expect one. */
    public Path sparkHome() {
        return sparkHome;
    }

    /**
     * The ids of the applications whose executors this cluster's worker launched (the worker keeps a folder per
     * application, with each executor's stdout and stderr): proof that a run used the cluster, not a local master.
     */
    public List<String> applications() {
        try (var folders = Files.list(workerDir())) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + workerDir(), e);
        }
    }

    private Path workerDir() {
        return workDir.resolve("worker-work");
    }

    /**
     * Runs {@code org.apache.spark.deploy.SparkSubmit} in client mode against this cluster, as a child JVM whose
     * class path is {@code $SPARK_HOME/jars/*} (like the real spark-submit script), and waits for it.
     *
     * @param appJar    the application jar (for LENS: the thin {@code -spark-submit} jar)
     * @param mainClass its main class
     * @param conf      extra {@code key=value} Spark settings
     * @param appArgs   the application's arguments
     */
    public Submission submit(Path appJar, String mainClass, List<String> conf, List<String> appArgs,
                             Duration timeout) {
        List<String> args = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
                "--deploy-mode", "client", "--class", mainClass,
                "--conf", "spark.driver.host=" + HOST, "--conf", "spark.driver.bindAddress=" + HOST,
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.cores.max=2"));
        for (String setting : conf) {
            args.add("--conf");
            args.add(setting);
        }
        args.add(appJar.toAbsolutePath().toString());
        args.addAll(appArgs);
        Path log = workDir.resolve("submit-" + System.nanoTime() + ".log");
        try {
            Process process = processBuilder(args, log).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("spark-submit did not finish within " + timeout + "; log: " + log);
            }
            return new Submission(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run spark-submit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for spark-submit", e);
        }
    }

    /** Stops the worker (and its executors), then the master. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            children.forEach(child -> {
                if (child.isAlive()) {
                    child.destroyForcibly();
                }
            });
        }
        processes.clear();
    }

    private void launch(String name, List<String> mainAndArgs) throws IOException {
        processes.add(processBuilder(mainAndArgs, workDir.resolve(name + ".log")).start());
    }

    private ProcessBuilder processBuilder(List<String> mainAndArgs, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(JAVA_17_OPTIONS);
        command.add("-cp");
        command.add(sparkHome.resolve("jars").toString() + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("SPARK_CONF_DIR");
        return builder;
    }

    /** {@code <dir>/jars/} with a symlink to every jar of the Spark distribution (no 300 MB copy). */
    static Path linkSparkHome(Path dir) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("jars"));
        try (var existing = Files.list(jars)) {
            for (Path link : existing.toList()) {
                Files.delete(link);
            }
        }
        Set<String> names = new HashSet<>();
        for (Path jar : distributionJars()) {
            if (names.add(jar.getFileName().toString())) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        if (names.stream().noneMatch(name -> name.startsWith("spark-core_"))) {
            throw new IllegalStateException("no spark-core jar in " + DISTRIBUTION + ": cannot build a SPARK_HOME");
        }
        return dir;
    }

    /**
     * The jars a Spark distribution holds, as resolved when this module was built: Spark, its own log4j binding
     * (not the caller's: a Spring application's Logback would log the daemons at DEBUG) and the libraries LENS's
     * classes use. Not this JVM's class path, which may carry anything (Spring, test frameworks, other bindings).
     */
    static List<Path> distributionJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String resource : DISTRIBUTION) {
            String classpath;
            try (InputStream in = LocalStandaloneCluster.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " missing: build the spark-trainer module");
                }
                classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                    throw new IllegalStateException(resource + " names " + entry + ", which is not a jar here");
                }
                jars.add(jar);
            }
        }
        return jars;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port, Process process, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Spark master exited; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("the Spark master did not listen on " + port + " within " + START_TIMEOUT);
    }

    /** Asks the master's status page (its JSON form) until it counts an alive worker. */
    private static void waitForAliveWorker(int masterUiPort, Process worker, Path log) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + HOST + ":" + masterUiPort + "/json/")).timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new IllegalStateException("the Spark worker exited; see " + log);
            }
            try {
                String body = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.matches("(?s).*\"aliveworkers\"\\s*:\\s*[1-9].*")) {
                    return;
                }
            } catch (IOException notYet) {
                // the UI comes up shortly after the RPC port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep();
        }
        throw new IllegalStateException("the Spark worker did not register within " + START_TIMEOUT + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

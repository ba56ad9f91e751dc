package dev.palm.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.cli.ExitCode;
import dev.palm.cli.Palm;
import dev.palm.streams.infra.SharedInfra;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `palm run` in-process: the whole default run against the shared broker and registry, and its flag
 * errors.
 */
@Tag("integration")
class RunCommandTest {

  @TempDir Path state;

  /** The exit code and output of one command. */
  private record Result(int exitCode, String out, String err) {}

  private static Result palm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Palm.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aPipelineThatStopsByItselfWhileKeptRunningExitsWithFourForItsSupervisor() throws Exception {
    String prefix = SharedInfra.uniquePrefix("run-dies");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Palm.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    java.util.concurrent.CompletableFuture<Integer> exit =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                cl.execute(
                    "run",
                    "--no-workload",
                    "--bootstrap-servers",
                    SharedInfra.bootstrapServers(),
                    "--registry-url",
                    SharedInfra.registryUrl(),
                    "--topic-prefix",
                    prefix,
                    "--application-id",
                    prefix,
                    "--state-dir",
                    state.toString()));
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
    while (!out.toString().contains("The pipeline keeps running")) {
      assertThat(exit).as(out + "\n" + err).isNotDone();
      assertThat(System.nanoTime()).as("the pipeline did not start: " + out).isLessThan(deadline);
      Thread.sleep(100);
    }
    // the input topic vanishes under the running pipeline: Kafka Streams stops with an error
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            java.util.Map.of("bootstrap.servers", SharedInfra.bootstrapServers()))) {
      admin.deleteTopics(java.util.List.of(prefix + ".operations")).all().get();
    }

    assertThat(exit.get(2, java.util.concurrent.TimeUnit.MINUTES))
        .as(out + "\n" + err)
        .isEqualTo(ExitCode.UNAVAILABLE.code());
    assertThat(out.toString()).contains("The pipeline stopped:");
    assertThat(err.toString()).contains("palm run: The pipeline stopped:");
  }

  @Test
  void theSampleWorkloadAgainstAClusterShowsEveryPackDecidedAsDemandedWithVerifiedChains() {
    String prefix = SharedInfra.uniquePrefix("run");
    Result run =
        palm(
            "run",
            "--bootstrap-servers",
            SharedInfra.bootstrapServers(),
            "--registry-url",
            SharedInfra.registryUrl(),
            "--topic-prefix",
            prefix,
            "--application-id",
            prefix,
            "--state-dir",
            state.toString(),
            "--verbose");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Result: OK")
        .contains("[1/", "setup", "rate limit")
        .containsPattern("finalverse +\\d+ .* verified")
        .containsPattern("ibank +\\d+ .* verified")
        .containsPattern("mapleverse +\\d+ .* verified")
        .contains("ok    held -> released -> allowed")
        .contains("ok    pending approval -> approved")
        .contains("skip  pending approval -> expired")
        .doesNotContain("FAIL");
  }

  @Test
  void anExistingClusterNeedsARegistryUrl() {
    Result run = palm("run", "--bootstrap-servers", "127.0.0.1:1", "--state-dir", state.toString());
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("--registry-url");
  }

  @Test
  void aRegistryThatDoesNotAnswerIsOneLineNamingTheUrlAndExitCode4() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    String prefix = SharedInfra.uniquePrefix("run-no-registry");
    Result run =
        palm(
            "run",
            "--bootstrap-servers",
            SharedInfra.bootstrapServers(),
            "--registry-url",
            url,
            "--topic-prefix",
            prefix,
            "--application-id",
            prefix,
            "--state-dir",
            state.toString(),
            "--no-workload");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(4);
    assertThat(run.err().lines().filter(l -> l.contains("schema registry")).toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("Cannot reach the schema registry at " + url)
        .contains("--registry-url");
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception in");
  }

  @Test
  void unknownFlagsAndMissingFoldersAreUsageErrors() {
    Result unknown = palm("run", "--no-such-flag");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(unknown.err()).contains("Unknown option: '--no-such-flag'");

    Result missing = palm("run", "--packs-dir", state.resolve("nope").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(missing.err()).contains("is not a folder of pack files");
  }

  @Test
  void helpDescribesEveryOption() {
    Result help = palm("run", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "--bootstrap-servers",
            "--registry-url",
            "--client-config",
            "--packs-dir",
            "--no-workload",
            "--keep-running",
            "--repair",
            "--state-dir",
            "Exit codes");
  }
}

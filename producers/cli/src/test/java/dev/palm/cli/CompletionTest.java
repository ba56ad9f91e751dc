package dev.palm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palm generate-completion} prints a bash/zsh completion script for every command. */
class CompletionTest {

  @TempDir Path dir;

  @Test
  void theScriptCompletesCommandsAndFlagsAndIsValidBash() throws Exception {
    CliRun.Run run = CliRun.palm("generate-completion");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("complete -F")
        .contains("publish", "approvals", "audit", "verify", "bench")
        .contains("--bootstrap-server", "--command-config", "--registry-url");

    Path script = dir.resolve("palm_completion");
    Files.writeString(script, run.out());
    // bash -n parses without running: the script is what `source <(palm generate-completion)` reads
    Process bash =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String errors = new String(bash.getInputStream().readAllBytes());
    assertThat(bash.exitValue()).as(errors).isZero();
  }
}

package dev.palm.containers;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/** A one-off {@code palm} command in a container of the PALM image, as an operator runs it. */
final class PalmCommand {

  private static final Pattern EXIT = Pattern.compile("palm-exit=(\\d+)");

  private PalmCommand() {}

  /**
   * The command's output and exit code.
   *
   * @param exitCode the exit code of {@code palm}
   * @param output its standard output and error
   */
  record Result(int exitCode, String output) {}

  static Result run(String... args) {
    // a shell reports palm's exit code in the log, so a failing command is a result, not a crash
    String command = "/opt/palm/bin/palm " + quote(args) + " 2>&1; echo palm-exit=$?";
    try (GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(Images.palm()))
            .withNetworkMode("host")
            .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c"))
            .withCommand(new String[] {command})
            .withStartupCheckStrategy(
                new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      container.start();
      String output = container.getLogs();
      Matcher m = EXIT.matcher(output);
      if (!m.find()) {
        throw new IllegalStateException(
            "palm " + String.join(" ", args) + " gave no exit code:\n" + output);
      }
      return new Result(Integer.parseInt(m.group(1)), output);
    }
  }

  private static String quote(String... args) {
    StringBuilder out = new StringBuilder();
    for (String arg : args) {
      out.append('\'').append(arg.replace("'", "'\\''")).append("' ");
    }
    return out.toString();
  }
}

package dev.palm.cli;

import dev.palm.client.ClientConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code palm} command line in-process for tests, capturing what it printed and its exit
 * code.
 */
public final class CliRun {

  private CliRun() {}

  /** The connection flags of the command line for {@code config}. */
  public static List<String> connection(ClientConfig config) {
    return List.of(
        "--bootstrap-servers", config.bootstrapServers(),
        "--registry-url", config.registryUrl(),
        "--topic-prefix", config.topicPrefix());
  }

  /** What one in-process run of the command line printed and returned. */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  /** Runs {@code palm} with the connection flags of {@code config} appended to {@code args}. */
  public static Run palm(ClientConfig config, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(connection(config));
    return palm(all.toArray(String[]::new));
  }

  /** Runs {@code palm} with exactly these arguments. */
  public static Run palm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Palm.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}

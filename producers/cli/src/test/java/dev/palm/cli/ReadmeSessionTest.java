package dev.palm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.audit.Keyring;
import dev.palm.cli.CliRun.Run;
import dev.palm.client.ClientConfig;
import dev.palm.client.RunningPipeline;
import dev.palm.packs.canonical.IBankPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the session shown in README.md, line by line, against a real pipeline (in-process broker,
 * real registry, {@link dev.palm.streams.service.PalmService} with the iBank pack), so the README
 * cannot drift from what the commands do.
 *
 * <p>Each `./palm …` line of the block between the {@code session:start} and {@code session:end}
 * markers is run in-process with the test's connection flags appended; it must exit 0, and the text
 * of its trailing {@code # comment} (the first word) must appear in its output.
 */
@Tag("integration")
class ReadmeSessionTest {

  private static final Path README = Path.of("..", "..", "README.md");

  @TempDir static Path stateDir;

  private static RunningPipeline pipeline;
  private static ClientConfig config;

  @BeforeAll
  static void startThePipeline() throws Exception {
    // the README's key lines first, as a user runs them before starting the pipeline
    String readme = Files.readString(README);
    for (SessionLine line : lines(readme, "keys")) {
      Run run = CliRun.palm(inTemp(line.args()).toArray(String[]::new));
      assertThat(run.exitCode()).as("README line: %s%n%s", line.text(), run).isZero();
      assertThat(run.out()).as("README line: %s%n%s", line.text(), run).contains(line.expected());
    }
    pipeline =
        RunningPipeline.start(
            "readme",
            stateDir,
            List.of(IBankPack.ibank()),
            Keyring.read(stateDir.resolve("palm-keys").resolve("keyring")));
    config = pipeline.config();
  }

  @AfterAll
  static void stopThePipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void theReadmeSessionWorksAsWritten() throws Exception {
    List<SessionLine> session = sessionLines(Files.readString(README));
    assertThat(session).as("the README's session block").hasSizeGreaterThanOrEqualTo(6);
    assertThat(session.get(2).args()).contains("delete_deployment");

    for (SessionLine line : session) {
      Run run = CliRun.palm(config, inTemp(line.args()).toArray(String[]::new));
      assertThat(run.exitCode()).as("README line: %s%n%s", line.text(), run).isZero();
      if (!line.expected().isEmpty()) {
        assertThat(run.out()).as("README line: %s%n%s", line.text(), run).contains(line.expected());
      }
    }
  }

  /**
   * One `./palm` line of the README session: its words (after `./palm`) and the expected output
   * word.
   */
  record SessionLine(String text, List<String> args, String expected) {}

  static List<SessionLine> sessionLines(String readme) {
    return lines(readme, "session");
  }

  /**
   * The README's paths under palm-keys/ moved into the test's state folder, and $PALM_TRUSTED_KEY
   * (which the user has from the export line palm run prints) replaced by the pipeline's key.
   */
  private static List<String> inTemp(List<String> args) {
    return args.stream()
        .map(a -> a.startsWith("palm-keys/") ? stateDir.resolve(a).toString() : a)
        .map(
            a ->
                a.equals("$PALM_TRUSTED_KEY")
                    ? pipeline.service().signer().orElseThrow().publicKeyBase64()
                    : a)
        .toList();
  }

  /** The `./palm` lines of the README block between {@code <!-- NAME:start} and its end. */
  static List<SessionLine> lines(String readme, String block) {
    int start = readme.indexOf("<!-- " + block + ":start");
    int end = readme.indexOf("<!-- " + block + ":end");
    assertThat(start).as("README.md has a %s:start marker", block).isNotNegative();
    assertThat(end).as("README.md has a %s:end marker", block).isGreaterThan(start);
    List<SessionLine> lines = new ArrayList<>();
    for (String raw : readme.substring(start, end).split("\n")) {
      String line = raw.strip();
      if (!line.startsWith("./palm ")) {
        continue;
      }
      String command = line;
      String expected = "";
      int hash = commentStart(line);
      if (hash >= 0) {
        command = line.substring(0, hash).strip();
        String comment = line.substring(hash + 1).strip();
        expected = comment.isEmpty() ? "" : comment.split("[\\s:,]+")[0];
      }
      List<String> words = shellWords(command);
      lines.add(new SessionLine(line, words.subList(1, words.size()), expected));
    }
    return lines;
  }

  /** The index of a `#` that starts a comment (outside quotes, after white space), or -1. */
  private static int commentStart(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }

  /** Splits like a shell for the forms the README uses: plain words and double-quoted words. */
  private static List<String> shellWords(String command) {
    List<String> words = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command);
    while (m.find()) {
      words.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return words;
  }
}

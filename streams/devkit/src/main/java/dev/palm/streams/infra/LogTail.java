package dev.palm.streams.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the last lines of a child process's log so a failure message can show what went wrong. */
final class LogTail {

  private LogTail() {}

  /** The last {@code lines} lines of {@code file}, or a note saying why they cannot be read. */
  static String of(Path file, int lines) {
    try {
      // the logs we read are small (one server start); malformed bytes must not hide the error
      List<String> all =
          List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R"));
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }
}

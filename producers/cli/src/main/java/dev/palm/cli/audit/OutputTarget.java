package dev.palm.cli.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an audit command writes its records: a file (UTF-8, replaced) or the command's standard
 * output.
 */
final class OutputTarget implements AutoCloseable {

  private final PrintWriter writer;
  private final boolean file;

  private OutputTarget(PrintWriter writer, boolean file) {
    this.writer = writer;
    this.file = file;
  }

  /**
   * Opens {@code path} for writing, or wraps {@code stdout} when empty.
   *
   * @throws UncheckedIOException naming the file when it cannot be created
   */
  static OutputTarget open(Optional<Path> path, PrintWriter stdout) {
    if (path.isEmpty()) {
      return new OutputTarget(stdout, false);
    }
    try {
      Path parent = path.get().toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UncheckedIOException(
            new IOException(
                "Cannot write " + path.get() + ": folder " + parent + " does not exist"));
      }
      Writer out = Files.newBufferedWriter(path.get(), StandardCharsets.UTF_8);
      return new OutputTarget(new PrintWriter(new BufferedWriter(out)), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path.get() + ": " + e.getMessage(), e);
    }
  }

  /** Writes one line. */
  void println(String line) {
    writer.println(line);
  }

  @Override
  public void close() {
    writer.flush();
    if (file) {
      writer.close();
      if (writer.checkError()) {
        throw new UncheckedIOException(
            new IOException("Writing the output file failed (disk full?)"));
      }
    }
  }
}

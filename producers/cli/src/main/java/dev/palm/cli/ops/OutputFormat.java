package dev.palm.cli.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.cli.ExitCode;
import dev.palm.wire.AvroJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --format} option of the reading commands and how the listing commands print a list in
 * it.
 */
final class OutputFormat {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or jsonl. Default: ${DEFAULT-VALUE}.")
  Rendering.Format format;

  /**
   * Prints {@code items}: as JSON lines with {@code json}, else {@code none} when there are none,
   * else the lines of {@code table}.
   */
  <T> int printList(
      PrintWriter out,
      List<T> items,
      Function<T, ObjectNode> json,
      String none,
      Supplier<List<String>> table) {
    if (format == Rendering.Format.JSONL) {
      items.forEach(item -> out.println(AvroJson.toJsonLine(json.apply(item))));
      return ExitCode.OK.code();
    }
    if (items.isEmpty()) {
      out.println(none);
      return ExitCode.OK.code();
    }
    table.get().forEach(out::println);
    return ExitCode.OK.code();
  }
}

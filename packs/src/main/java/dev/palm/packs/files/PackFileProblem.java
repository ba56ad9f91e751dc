package dev.palm.packs.files;

import dev.palm.packs.PackError;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a pack file: where it is (field path and, when known, line and column) and
 * what to do.
 *
 * @param kind {@link PackError#CONFIG_PARSE} for a file that does not fit the pack schema (syntax,
 *     unknown field, wrong type, duplicate key, missing required field), {@link
 *     PackError#VALIDATION} for a well-typed value outside its domain (negative count, unknown enum
 *     value, out of range)
 * @param path the field path in snake_case, e.g. {@code policy.limits.max_scale_up}; empty for the
 *     whole file
 * @param line the 1-based line, when known
 * @param column the 1-based column, when known
 * @param message what is wrong and what to do
 */
public record PackFileProblem(
    PackError kind, String path, Optional<Integer> line, Optional<Integer> column, String message) {

  /** Checks the parts. */
  public PackFileProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    line = line == null ? Optional.empty() : line;
    column = column == null ? Optional.empty() : column;
    Objects.requireNonNull(message, "message");
  }

  /** Formats the problem as {@code path (line L, column C): message}. */
  public String describe() {
    StringBuilder text = new StringBuilder(path.isEmpty() ? "(file)" : path);
    line.ifPresent(
        l -> {
          text.append(" (line ").append(l);
          column.ifPresent(c -> text.append(", column ").append(c));
          text.append(')');
        });
    return text.append(": ").append(message).toString();
  }
}

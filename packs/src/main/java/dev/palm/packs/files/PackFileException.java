package dev.palm.packs.files;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pack file that could not be loaded, with every problem found in it (not just the first), so
 * that an author can fix them all in one go.
 */
public final class PackFileException extends PackException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final transient List<PackFileProblem> problems;

  /** Creates the exception for {@code source} (a file name) and its problems (at least one). */
  public PackFileException(String source, List<PackFileProblem> problems) {
    super(kindOf(problems), format(source, problems));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  private static PackError kindOf(List<PackFileProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a PackFileException needs at least one problem");
    }
    return problems.stream().anyMatch(p -> p.kind() == PackError.CONFIG_PARSE)
        ? PackError.CONFIG_PARSE
        : PackError.VALIDATION;
  }

  private static String format(String source, List<PackFileProblem> problems) {
    if (problems.size() == 1) {
      return "invalid pack file " + source + ": " + problems.get(0).describe();
    }
    return "invalid pack file "
        + source
        + ": "
        + problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n"));
  }

  /** Returns the file (or other source) the problems were found in. */
  public String source() {
    return source;
  }

  /** Returns the problems, in the order they were found. */
  public List<PackFileProblem> problems() {
    return problems;
  }
}

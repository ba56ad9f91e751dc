package dev.palm.packs.files;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A parsed YAML/JSON value that remembers where in the file it was, so that problems can point at a
 * line.
 */
sealed interface Node {

  /** Where the value starts. */
  Location location();

  /** Describes the value for error messages, e.g. {@code the text "fifty"}. */
  String describe();

  /** A 1-based line and column (0 when unknown). */
  record Location(int line, int column) {
    static final Location UNKNOWN = new Location(0, 0);
  }

  /** A key of a mapping, with where the key was written. */
  record Entry(String key, Location keyLocation, Node value) {}

  /** A mapping; keys keep file order. */
  record MapNode(LinkedHashMap<String, Entry> entries, Location location) implements Node {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A list. */
  record ListNode(List<Node> elements, Location location) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A text scalar. */
  record TextNode(String text, Location location) implements Node {
    @Override
    public String describe() {
      return "the text \"" + text + "\"";
    }
  }

  /** A whole-number scalar. */
  record IntNode(BigInteger value, Location location) implements Node {
    @Override
    public String describe() {
      return "the whole number " + value;
    }
  }

  /** A fractional-number scalar. */
  record FloatNode(double value, Location location) implements Node {
    @Override
    public String describe() {
      return "the number " + value;
    }
  }

  /** A boolean scalar. */
  record BoolNode(boolean value, Location location) implements Node {
    @Override
    public String describe() {
      return "the boolean " + value;
    }
  }

  /** An explicit null ({@code null}, {@code ~} or an empty value). */
  record NullNode(Location location) implements Node {
    @Override
    public String describe() {
      return "null (an empty value)";
    }
  }
}

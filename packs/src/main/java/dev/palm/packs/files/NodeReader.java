package dev.palm.packs.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.palm.packs.PackError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON into {@link Node}s with their locations, reporting syntax errors, duplicate
 * keys and extra documents as problems rather than failing on the first one where the format allows
 * it.
 */
final class NodeReader {

  private final JsonFactory factory;
  private final List<PackFileProblem> problems;
  private String currentPath = "";

  NodeReader(JsonFactory factory, List<PackFileProblem> problems) {
    this.factory = factory;
    this.problems = problems;
  }

  /**
   * Returns the root node, or empty when the text is empty or not parsable (a problem is then
   * recorded).
   */
  Optional<Node> read(String text) {
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        problems.add(
            problem(
                PackError.CONFIG_PARSE,
                "",
                Node.Location.UNKNOWN,
                "the file is empty; write a pack as a mapping with at least 'metadata: {name: ...}'"));
        return Optional.empty();
      }
      Node root = readValue(parser, "");
      JsonToken after = parser.nextToken();
      if (after != null) {
        Node.Location where = location(parser.currentTokenLocation());
        problems.add(
            problem(
                PackError.CONFIG_PARSE,
                "",
                where,
                "the file holds more than one document; keep exactly one pack per file"));
      }
      return Optional.of(root);
    } catch (JsonProcessingException e) {
      Node.Location where =
          e.getLocation() == null ? Node.Location.UNKNOWN : location(e.getLocation());
      String detail = e.getOriginalMessage();
      if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        // SnakeYAML knows where the problem is; Jackson's own location is where the token began.
        where =
            new Node.Location(
                yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
        detail = (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem();
      }
      problems.add(
          problem(
              PackError.CONFIG_PARSE,
              currentPath,
              where,
              "syntax error: "
                  + oneLine(detail)
                  + "; fix the "
                  + (factory.getFormatName().equals("JSON") ? "JSON" : "YAML")
                  + " syntax near this line"));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(
          problem(PackError.IO, "", Node.Location.UNKNOWN, "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private Node readValue(JsonParser parser, String path) throws IOException {
    currentPath = path;
    Node.Location where = location(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          LinkedHashMap<String, Node.Entry> entries = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Node.Location keyWhere = location(parser.currentTokenLocation());
            String childPath = path.isEmpty() ? key : path + "." + key;
            parser.nextToken();
            Node value = readValue(parser, childPath);
            Node.Entry previous = entries.get(key);
            if (previous != null) {
              problems.add(
                  problem(
                      PackError.CONFIG_PARSE,
                      childPath,
                      keyWhere,
                      "duplicate key '"
                          + key
                          + "' (first written at line "
                          + previous.keyLocation().line()
                          + "); keep only one of them"));
            } else {
              entries.put(key, new Node.Entry(key, keyWhere, value));
            }
          }
          currentPath = path;
          return new Node.MapNode(entries, where);
        }
      case START_ARRAY:
        {
          List<Node> elements = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(readValue(parser, path + "[" + elements.size() + "]"));
          }
          currentPath = path;
          return new Node.ListNode(elements, where);
        }
      case VALUE_STRING:
        return new Node.TextNode(parser.getText(), where);
      case VALUE_NUMBER_INT:
        return new Node.IntNode(parser.getBigIntegerValue(), where);
      case VALUE_NUMBER_FLOAT:
        return new Node.FloatNode(parser.getDoubleValue(), where);
      case VALUE_TRUE:
        return new Node.BoolNode(true, where);
      case VALUE_FALSE:
        return new Node.BoolNode(false, where);
      case VALUE_NULL:
        return new Node.NullNode(where);
      default:
        // Binary (!!binary) or other embedded values have no place in a pack.
        problems.add(
            problem(
                PackError.CONFIG_PARSE,
                path,
                where,
                "unsupported value ("
                    + token
                    + "); use plain text, numbers, booleans, lists or mappings"));
        return new Node.NullNode(where);
    }
  }

  static Node.Location location(JsonLocation location) {
    return new Node.Location(
        Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
  }

  static PackFileProblem problem(PackError kind, String path, Node.Location where, String message) {
    Optional<Integer> line = where.line() > 0 ? Optional.of(where.line()) : Optional.empty();
    Optional<Integer> column =
        where.line() > 0 && where.column() > 0 ? Optional.of(where.column()) : Optional.empty();
    return new PackFileProblem(kind, path, line, column, message);
  }

  private static String oneLine(String message) {
    return message == null ? "unreadable input" : message.replaceAll("\\s*\\n\\s*", " ").trim();
  }
}

package dev.palm.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaParser;

/**
 * Build-time guard that every current Avro schema can read data written with every released version
 * kept under {@code schemas/history/<Name>/v<N>.avsc} (Schema Registry's BACKWARD_TRANSITIVE rule).
 *
 * <p>History files are self-contained (every named type inlined), written by the {@code snapshot}
 * command, so an old version stays readable even after the shared types it used have changed.
 */
public final class SchemaHistoryCheck {

  private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

  private SchemaHistoryCheck() {}

  /** One released version of a schema, as kept in the history folder. */
  public record Released(String name, int version, Schema schema) {}

  /** A reason why the current schemas break readers of released data. */
  public record Violation(String name, int version, String message) {
    @Override
    public String toString() {
      return version > 0
          ? name + ": not backward compatible with released v" + version + ": " + message
          : name + ": " + message;
    }
  }

  /**
   * Parses every {@code *.avsc} file of {@code avroDir} together (so files may refer to each
   * other's named types) and returns the top-level schema of each file keyed by its simple name.
   */
  public static Map<String, Schema> parseCurrent(Path avroDir) {
    SchemaParser parser = new SchemaParser();
    List<SchemaParser.ParseResult> results = new ArrayList<>();
    for (Path file : avscFiles(avroDir)) {
      try {
        results.add(parser.parse(file));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read schema file " + file, e);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "Schema file " + file + " does not parse: " + e.getMessage(), e);
      }
    }
    Map<String, Schema> byName = new TreeMap<>();
    for (SchemaParser.ParseResult result : results) {
      Schema schema = parser.resolve(result);
      byName.put(schema.getName(), schema);
    }
    return Map.copyOf(byName);
  }

  /**
   * Reads the released versions under {@code historyDir}: one folder per schema name, files {@code
   * v<N>.avsc}.
   */
  public static List<Released> parseHistory(Path historyDir) {
    if (!Files.isDirectory(historyDir)) {
      return List.of();
    }
    List<Released> released = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(historyDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        for (Path file : avscFiles(dir)) {
          Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
          if (!m.matches()) {
            throw new IllegalStateException(
                "History file "
                    + file
                    + " is not named v<N>.avsc; rename it so its version is known");
          }
          Schema schema;
          try {
            schema = new SchemaParser().parse(file).mainSchema();
          } catch (RuntimeException e) {
            throw new IllegalStateException(
                "History file "
                    + file
                    + " does not parse on its own ("
                    + e.getMessage()
                    + "); history files must be self-contained, write them with"
                    + " the snapshot command",
                e);
          }
          released.add(
              new Released(dir.getFileName().toString(), Integer.parseInt(m.group(1)), schema));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list schema history " + historyDir, e);
    }
    released.sort(Comparator.comparing(Released::name).thenComparingInt(Released::version));
    return List.copyOf(released);
  }

  /**
   * Checks that each current schema, used as reader, can read data written with every released
   * version of it, and that no released schema has disappeared.
   */
  public static List<Violation> check(Map<String, Schema> current, List<Released> history) {
    List<Violation> violations = new ArrayList<>();
    for (Released old : history) {
      Schema reader = current.get(old.name());
      if (reader == null) {
        violations.add(
            new Violation(
                old.name(),
                old.version(),
                "schema was removed, but data written with it may still be retained; restore it"));
        continue;
      }
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(reader, old.schema());
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        for (Incompatibility inc : result.getResult().getIncompatibilities()) {
          violations.add(
              new Violation(
                  old.name(),
                  old.version(),
                  inc.getType() + " at " + inc.getLocation() + " (" + inc.getMessage() + ")"));
        }
        if (result.getResult().getIncompatibilities().isEmpty()) {
          violations.add(new Violation(old.name(), old.version(), result.getDescription()));
        }
      }
    }
    return List.copyOf(violations);
  }

  /**
   * Writes a new self-contained history version for every current schema that has none or whose
   * latest release differs; returns the files written.
   */
  public static List<Path> snapshot(Map<String, Schema> current, Path historyDir) {
    List<Released> history = parseHistory(historyDir);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Schema> entry : new TreeMap<>(current).entrySet()) {
      Released latest =
          history.stream()
              .filter(r -> r.name().equals(entry.getKey()))
              .max(Comparator.comparingInt(Released::version))
              .orElse(null);
      if (latest != null
          && latest.schema().equals(entry.getValue())
          && latest.schema().toString().equals(entry.getValue().toString())) {
        continue;
      }
      int version = latest == null ? 1 : latest.version() + 1;
      Path file = historyDir.resolve(entry.getKey()).resolve("v" + version + ".avsc");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, entry.getValue().toString(true) + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write history file " + file, e);
      }
      written.add(file);
    }
    return List.copyOf(written);
  }

  /**
   * Command line: {@code check <avroDir> <historyDir>} fails (exception, so Maven fails the build)
   * on any violation; {@code snapshot <avroDir> <historyDir>} records the current schemas as
   * released versions.
   */
  public static void main(String[] args) {
    if (args.length != 3 || !List.of("check", "snapshot").contains(args[0])) {
      throw new IllegalArgumentException(
          "usage: SchemaHistoryCheck check|snapshot <avro source dir> <history dir>");
    }
    Path avroDir = Path.of(args[1]);
    Path historyDir = Path.of(args[2]);
    Map<String, Schema> current = parseCurrent(avroDir);
    if (args[0].equals("snapshot")) {
      snapshot(current, historyDir).forEach(p -> System.out.println("[schemas] wrote " + p));
      return;
    }
    List<Released> history = parseHistory(historyDir);
    List<Violation> violations = check(current, history);
    for (String name : current.keySet()) {
      if (history.stream().noneMatch(r -> r.name().equals(name))) {
        System.out.println(
            "[schemas] "
                + name
                + " has no released version yet; when it is released run"
                + " SchemaHistoryCheck snapshot "
                + avroDir
                + " "
                + historyDir);
      }
    }
    if (!violations.isEmpty()) {
      StringBuilder msg =
          new StringBuilder(
              "Avro schemas break BACKWARD_TRANSITIVE compatibility with " + historyDir + ":");
      violations.forEach(v -> msg.append(System.lineSeparator()).append("  - ").append(v));
      msg.append(System.lineSeparator())
          .append(
              "  Give new fields a default, keep removed fields'"
                  + " types readable, or add enum symbols only with an enum default.");
      throw new IllegalStateException(msg.toString());
    }
    System.out.println(
        "[schemas] "
            + current.size()
            + " schemas are backward compatible with "
            + history.size()
            + " released versions");
  }

  private static List<Path> avscFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list schema folder " + dir, e);
    }
  }
}

package dev.palm.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.streams.operations.ReasonCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/rules.md (rule id, reason codes, enforcing classes, tests) true to the code, so that
 * "where is rule X enforced" has one answer.
 */
class RuleCatalogueTest {

  private static final Path MAIN = Path.of("src/main/java/dev/palm/streams");
  private static final Path TEST = Path.of("src/test/java/dev/palm/streams");
  private static final Path DOC = Path.of("../../docs/rules.md");

  /** The packages whose code decides; the rule ids they put on findings must be catalogued. */
  private static final List<String> POLICY_PACKAGES =
      List.of(
          "validity",
          "deployments",
          "holds",
          "limits",
          "approvals",
          "operations",
          "policy",
          "reconciliation");

  private static final Pattern FINDING_RULE = Pattern.compile("new Finding\\(\\s*\"([^\"]+)\"");
  private static final Pattern RULE_CONSTANT = Pattern.compile("\\bRULE = \"([^\"]+)\"");
  private static final Pattern RULE_ARGUMENT = Pattern.compile("\"(extensions\\.[a-z_]+)\"");

  /** One row of the catalogue. */
  record Row(
      String line, Optional<String> ruleId, List<String> codes, List<Path> in, List<Path> tests) {

    /** The literal (or, for a {@code <field>} family, the literal prefix) the code must contain. */
    Optional<String> literal() {
      return ruleId.map(
          id ->
              id.contains("<") ? "\"" + id.substring(0, id.indexOf('<')) + "\"" : "\"" + id + "\"");
    }

    boolean covers(String id) {
      return ruleId
          .map(r -> r.contains("<") ? id.startsWith(r.substring(0, r.indexOf('<'))) : r.equals(id))
          .orElse(false);
    }
  }

  @Test
  void everyRuleIdOfTheCodeHasARowNamingAClassThatContainsIt() {
    List<Row> rows = rows();
    Set<String> used = ruleIdsInCode();
    assertThat(used).as("rule ids found in the code").hasSizeGreaterThan(20);
    for (String id : used) {
      List<Row> covering = rows.stream().filter(r -> r.covers(id)).toList();
      assertThat(covering).as("docs/rules.md has a row for rule id '%s'", id).isNotEmpty();
      assertThat(covering)
          .as("a row for '%s' names a class containing it", id)
          .anyMatch(r -> r.in().stream().anyMatch(p -> read(p).contains("\"" + id)));
    }
  }

  @Test
  void everyReasonCodeIsCatalogued() {
    Set<String> catalogued =
        rows().stream().flatMap(r -> r.codes().stream()).collect(Collectors.toSet());
    assertThat(catalogued).containsAll(reasonCodes());
    assertThat(reasonCodes()).containsAll(catalogued);
  }

  @Test
  void everyRowPointsAtClassesThatEnforceItAndTestsThatNameIt() {
    for (Row row : rows()) {
      String enforcing =
          row.in().stream().map(RuleCatalogueTest::read).collect(Collectors.joining());
      row.literal()
          .ifPresent(
              lit -> assertThat(enforcing).as("%s contains %s", row.in(), lit).contains(lit));
      String tests =
          row.tests().stream().map(RuleCatalogueTest::read).collect(Collectors.joining());
      for (String code : row.codes()) {
        assertThat(enforcing)
            .as("%s uses ReasonCodes.%s (row: %s)", row.in(), code, row.line())
            .contains("ReasonCodes." + code);
        assertThat(Pattern.compile("\\b" + code + "\\b").matcher(tests).find())
            .as("%s name %s (row: %s)", row.tests(), code, row.line())
            .isTrue();
      }
    }
  }

  private static List<Row> rows() {
    String doc = read(DOC);
    String table =
        doc.substring(
            doc.indexOf("<!-- rule-catalogue:begin -->"),
            doc.indexOf("<!-- rule-catalogue:end -->"));
    List<Row> rows = new ArrayList<>();
    for (String line : table.lines().toList()) {
      if (!line.startsWith("| ") || line.startsWith("| Step") || line.startsWith("|---")) {
        continue;
      }
      String[] cells = line.split("\\|");
      assertThat(cells).as("row of 5 cells: %s", line).hasSize(6);
      Matcher id = Pattern.compile("^`([^`]+)`").matcher(cells[2].strip());
      rows.add(
          new Row(
              line,
              id.find() ? Optional.of(id.group(1)) : Optional.empty(),
              split(cells[3]),
              split(cells[4]).stream().map(MAIN::resolve).toList(),
              split(cells[5]).stream().map(TEST::resolve).toList()));
    }
    assertThat(rows).as("rows of docs/rules.md").hasSizeGreaterThan(30);
    return rows;
  }

  private static List<String> split(String cell) {
    return Arrays.stream(cell.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Set<String> ruleIdsInCode() {
    Set<String> ids = new TreeSet<>();
    for (String pkg : POLICY_PACKAGES) {
      try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = read(file);
          for (Pattern p : List.of(FINDING_RULE, RULE_CONSTANT, RULE_ARGUMENT)) {
            Matcher m = p.matcher(source);
            while (m.find()) {
              ids.add(m.group(1));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ids;
  }

  private static Set<String> reasonCodes() {
    Set<String> codes = new TreeSet<>();
    for (Field f : ReasonCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        codes.add(f.getName());
      }
    }
    return codes;
  }

  private static String read(Path p) {
    assertThat(p).as("file named by docs/rules.md").isRegularFile();
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

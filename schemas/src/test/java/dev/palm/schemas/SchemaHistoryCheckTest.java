package dev.palm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaHistoryCheckTest {

  private static final String V1 =
      """
            {"type": "record", "name": "Thing", "namespace": "dev.palm.test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"], "default": "A"}}
            ]}""";

  @TempDir Path dir;

  @Test
  void projectSchemasAreCompatibleWithTheirHistory() {
    Path module = Path.of(System.getProperty("user.dir"));
    Map<String, Schema> current = SchemaHistoryCheck.parseCurrent(module.resolve("src/main/avro"));
    List<SchemaHistoryCheck.Released> history =
        SchemaHistoryCheck.parseHistory(module.resolve("history"));

    assertThat(current)
        .containsKeys(
            "OperationRequested",
            "PolicyDecision",
            "ApprovalRequest",
            "ApprovalResponse",
            "HoldRelease",
            "OperationOutcome",
            "Decision",
            "Actor");
    assertThat(history)
        .extracting(SchemaHistoryCheck.Released::name)
        .contains("OperationRequested");
    assertThat(SchemaHistoryCheck.check(current, history)).isEmpty();
  }

  @Test
  void rejectsANewRequiredFieldWithoutDefault() throws IOException {
    List<SchemaHistoryCheck.Released> history = releaseV1();
    Path src =
        writeCurrent(
            V1.replace(
                "{\"name\": \"id\", \"type\": \"string\"},",
                "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"owner\", \"type\": \"string\"},"));

    List<SchemaHistoryCheck.Violation> violations =
        SchemaHistoryCheck.check(SchemaHistoryCheck.parseCurrent(src), history);

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.name()).isEqualTo("Thing");
              assertThat(v.version()).isEqualTo(1);
              assertThat(v.toString()).contains("READER_FIELD_MISSING_DEFAULT").contains("owner");
            });
  }

  @Test
  void rejectsARemovedEnumSymbolAndARemovedSchema() throws IOException {
    List<SchemaHistoryCheck.Released> history = releaseV1();
    Path src =
        writeCurrent(
            V1.replace("\"symbols\": [\"A\", \"B\"], \"default\": \"A\"", "\"symbols\": [\"A\"]"));

    assertThat(SchemaHistoryCheck.check(SchemaHistoryCheck.parseCurrent(src), history))
        .singleElement()
        .asString()
        .contains("MISSING_ENUM_SYMBOLS");
    assertThat(SchemaHistoryCheck.check(Map.of(), history))
        .singleElement()
        .asString()
        .contains("schema was removed");
  }

  @Test
  void acceptsAnOptionalFieldWithDefaultAndANewEnumSymbol() throws IOException {
    List<SchemaHistoryCheck.Released> history = releaseV1();
    Path src =
        writeCurrent(
            V1.replace(
                    "{\"name\": \"id\", \"type\": \"string\"},",
                    "{\"name\": \"id\", \"type\": \"string\"},"
                        + " {\"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null},")
                .replace("[\"A\", \"B\"]", "[\"A\", \"B\", \"C\"]"));

    assertThat(SchemaHistoryCheck.check(SchemaHistoryCheck.parseCurrent(src), history)).isEmpty();
  }

  @Test
  void transitiveCheckCoversEveryReleasedVersion() throws IOException {
    releaseV1();
    // v2 dropped the enum field: v2 alone would accept a current schema that requires it without
    // default.
    Path v2 = dir.resolve("history/Thing/v2.avsc");
    Files.writeString(
        v2,
        """
                {"type": "record", "name": "Thing", "namespace": "dev.palm.test", "fields": [
                  {"name": "id", "type": "string"}]}""");
    Path src =
        writeCurrent(
            """
                {"type": "record", "name": "Thing", "namespace": "dev.palm.test", "fields": [
                  {"name": "id", "type": "string"},
                  {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["B"]}}]}""");

    List<SchemaHistoryCheck.Violation> violations =
        SchemaHistoryCheck.check(
            SchemaHistoryCheck.parseCurrent(src),
            SchemaHistoryCheck.parseHistory(dir.resolve("history")));

    assertThat(violations).extracting(SchemaHistoryCheck.Violation::version).contains(1, 2);
  }

  @Test
  void mainFailsTheBuildWithAMessageNamingTheSchema() throws IOException {
    releaseV1();
    Path src = writeCurrent(V1.replace("\"string\"}", "\"int\"}"));

    assertThatThrownBy(
            () ->
                SchemaHistoryCheck.main(
                    new String[] {"check", src.toString(), dir.resolve("history").toString()}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Thing: not backward compatible with released v1")
        .hasMessageContaining("TYPE_MISMATCH");
  }

  @Test
  void snapshotWritesSelfContainedVersionsOnlyWhenTheSchemaChanged() throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("Kind.avsc"),
        "{\"type\": \"enum\", \"name\": \"Kind\", \"namespace\": \"dev.palm.test\", \"symbols\": [\"A\"]}");
    Files.writeString(
        src.resolve("Thing.avsc"),
        """
                {"type": "record", "name": "Thing", "namespace": "dev.palm.test", "fields": [
                  {"name": "kind", "type": "Kind"}]}""");
    Path history = dir.resolve("history");

    assertThat(SchemaHistoryCheck.snapshot(SchemaHistoryCheck.parseCurrent(src), history))
        .hasSize(2);
    assertThat(SchemaHistoryCheck.snapshot(SchemaHistoryCheck.parseCurrent(src), history))
        .isEmpty();
    // The released Thing parses on its own although Kind lives in another source file.
    assertThat(SchemaHistoryCheck.parseHistory(history)).hasSize(2);
  }

  private List<SchemaHistoryCheck.Released> releaseV1() throws IOException {
    Path file = dir.resolve("history/Thing/v1.avsc");
    Files.createDirectories(file.getParent());
    Files.writeString(file, V1);
    return SchemaHistoryCheck.parseHistory(dir.resolve("history"));
  }

  private Path writeCurrent(String schema) throws IOException {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Thing.avsc"), schema);
    return src;
  }
}

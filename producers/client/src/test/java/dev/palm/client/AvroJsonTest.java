package dev.palm.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palm.audit.AuditChain;
import dev.palm.events.AuditRecord;
import dev.palm.events.PolicyDecision;
import dev.palm.wire.AvroJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-02-03T04:05:06.789Z");

  @Test
  void auditRecordsRoundTripExactlySoTheirHashesRecompute() {
    for (AuditRecord record : Fixture.chain("ibank", 6, T0, Duration.ofSeconds(1))) {
      AuditEntry entry = new AuditEntry(record, "palm.ibank.audit", 0, record.getSequence(), T0);

      AuditRecord rebuilt = AuditExport.parse(AuditExport.line(entry));

      assertThat(rebuilt).isEqualTo(record);
      assertThat(AuditChain.computeHash(rebuilt)).isEqualTo(record.getHash());
    }
  }

  @Test
  void theJsonFormIsPlainAndNamedAsTheSchema() throws Exception {
    AuditRecord record = Fixture.chain("ibank", 2, T0, Duration.ofSeconds(1)).get(1);
    JsonNode json = MAPPER.readTree(AuditExport.line(new AuditEntry(record, "t", 0, 7, T0)));

    assertThat(json.get("recorded_at").asText()).isEqualTo("2026-02-03T04:05:07.789Z");
    assertThat(json.get("event_type").asText()).isEqualTo("DECISION");
    assertThat(json.get("decision").asText()).isEqualTo("ALLOWED");
    assertThat(json.get("hash").asText()).isEqualTo(record.getHash());
    assertThat(json.get("details").get(0).get("key").asText()).isEqualTo("env");
    assertThat(json.get("source").get("offset").asLong()).isEqualTo(1);
    assertThat(json.get("_kafka").get("offset").asLong()).isEqualTo(7);
    assertThat(json.get("approval_id").isNull()).isTrue();
  }

  @Test
  void otherEventTypesRenderToo() {
    PolicyDecision decision =
        PolicyDecision.newBuilder()
            .setOperationId("op")
            .setPack("ibank")
            .setPackVersion("1")
            .setOperation("scale")
            .setDeploymentId("d")
            .setDecision(dev.palm.events.Decision.HELD)
            .setDecidedAt(T0)
            .setDecidedBy("palm-system")
            .setHoldId("h-1")
            .setAuditSequence(3)
            .setPreAuditSequence(2L)
            .build();

    ObjectNode json = AvroJson.toJson(decision);

    assertThat(json.get("pre_audit_sequence").asLong()).isEqualTo(2);
    assertThat(json.get("kind").asText()).isEqualTo("DECISION");
    assertThat(AvroJson.fromJson(json, PolicyDecision.class)).isEqualTo(decision);
  }

  @Test
  void linesThatCannotRebuildTheRecordNameTheProblem() throws Exception {
    AuditRecord record = Fixture.chain("ibank", 1, T0, Duration.ofSeconds(1)).get(0);
    ObjectNode json =
        (ObjectNode) MAPPER.readTree(AuditExport.line(new AuditEntry(record, "t", 0, 0, T0)));

    ObjectNode missing = json.deepCopy();
    missing.remove("prev_hash");
    assertThatThrownBy(() -> AuditExport.parse(missing.toString()))
        .hasMessageContaining("AuditRecord.prev_hash is missing");

    ObjectNode unknown = json.deepCopy();
    unknown.put("signature", "x");
    assertThatThrownBy(() -> AuditExport.parse(unknown.toString()))
        .hasMessageContaining("AuditRecord.signature is not a field");

    ObjectNode wrongType = json.deepCopy();
    wrongType.put("sequence", "zero");
    assertThatThrownBy(() -> AuditExport.parse(wrongType.toString()))
        .hasMessageContaining("AuditRecord.sequence must be a 64-bit integer");

    ObjectNode badEnum = json.deepCopy();
    badEnum.put("event_type", "EXPLODED");
    assertThatThrownBy(() -> AuditExport.parse(badEnum.toString()))
        .hasMessageContaining("event_type must be one of");

    ObjectNode subMillis = json.deepCopy();
    subMillis.put("recorded_at", "2026-02-03T04:05:06.789123Z");
    assertThatThrownBy(() -> AuditExport.parse(subMillis.toString()))
        .hasMessageContaining("sub-millisecond");

    assertThatThrownBy(() -> AuditExport.parse("{not json")).hasMessageContaining("not valid JSON");
  }

  @Test
  void timestampsMayAlsoBeGivenAsEpochMilliseconds() throws Exception {
    AuditRecord record = Fixture.chain("ibank", 1, T0, Duration.ofSeconds(1)).get(0);
    ObjectNode json =
        (ObjectNode) MAPPER.readTree(AuditExport.line(new AuditEntry(record, "t", 0, 0, T0)));
    json.put("recorded_at", T0.toEpochMilli());

    assertThat(AuditExport.parse(json.toString())).isEqualTo(record);
    assertThat(List.of(AvroJson.formatInstant(Instant.parse("2026-01-01T00:00:00Z"))))
        .containsExactly("2026-01-01T00:00:00.000Z");
  }
}

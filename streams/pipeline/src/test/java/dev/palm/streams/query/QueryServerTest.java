package dev.palm.streams.query;

import static dev.palm.streams.query.QueryFixture.TOKEN;
import static dev.palm.streams.query.QueryFixture.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.audit.AuditChain;
import dev.palm.events.AuditRecord;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.infra.SharedInfra;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the query API against one pipeline (ibank and mapleverse) on the real
 * in-process broker and registry, after a handful of operations: allowed, denied, pending approval
 * and held. The test that forges an audit record runs last, since it breaks the ibank chain on
 * purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class QueryServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PROTECTED =
      List.of(
          "/metrics",
          "/packs",
          "/packs/ibank",
          "/packs/mapleverse/operations/m-create",
          "/packs/mapleverse/deployments/m-dep/audit",
          "/packs/ibank/approvals?state=pending",
          "/packs/ibank/audit/verify",
          "/no/such/endpoint");

  private QueryFixture fixture;
  private URI base;

  @BeforeAll
  void startPipelineAndDecideSomeOperations() {
    fixture = new QueryFixture(List.of(new IBankPack(), new MapleversePack()), 1);
    base = fixture.startInstance().base();
    fixture.awaitRunning();
    fixture.publish(operation("mapleverse", "m-create", "create_deployment", "m-dep", 2));
    fixture.publish(operation("mapleverse", "m-restart", "restart", "m-dep", null));
    fixture.publish(operation("mapleverse", "m-dup", "create_deployment", "m-dep", 2));
    fixture.publish(operation("ibank", "b-create", "create_deployment", "b-dep", 1));
    fixture.publish(operation("ibank", "b-term", "force_terminate", "b-dep", null));
    // the last operation of each pack is decided and its audit records are committed
    awaitHistory("/packs/mapleverse/operations/m-dup", "DENIED");
    awaitHistory("/packs/ibank/operations/b-term", "HELD");
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  @Order(1)
  void healthNeedsNoTokenAndSaysRunning() throws Exception {
    HttpResponse<String> response = fixture.get(base, "/health", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.get("streamsState").asText()).isEqualTo("RUNNING");
    assertThat(fixture.send(base, "POST", "/health", null).statusCode()).isEqualTo(405);
  }

  @Test
  @Order(1)
  void packsListsEveryLoadedPackWithVersionProfileAndCounts() throws Exception {
    JsonNode body = ok("/packs");

    Map<String, JsonNode> packs = new HashMap<>();
    body.get("packs").forEach(p -> packs.put(p.get("name").asText(), p));
    assertThat(packs).containsOnlyKeys("ibank", "mapleverse");
    JsonNode ibank = packs.get("ibank");
    assertThat(ibank.get("version").asText()).isEqualTo(new IBankPack().metadata().version());
    assertThat(ibank.get("profile").asText()).isEqualTo("ibank");
    assertThat(ibank.get("integrityAlgorithm").asText()).startsWith("sha");
    assertThat(ibank.get("counts").get("pendingApprovals").asLong()).isEqualTo(1);
    assertThat(ibank.get("counts").get("activeHolds").asLong()).isEqualTo(1);
    assertThat(ibank.get("counts").get("deployments").asLong()).isZero();
    assertThat(ibank.get("counts").get("auditRecords").asLong()).isPositive();
    JsonNode mapleverse = packs.get("mapleverse");
    assertThat(mapleverse.get("counts").get("deployments").asLong()).isEqualTo(1);
    assertThat(mapleverse.get("totals").get("instances").asLong()).isEqualTo(2);
    assertThat(mapleverse.get("servedBy").asText()).isEqualTo(base.getAuthority());

    JsonNode single = ok("/packs/mapleverse");
    assertThat(single.get("name").asText()).isEqualTo("mapleverse");
    assertThat(single.get("counts")).isEqualTo(mapleverse.get("counts"));
  }

  @Test
  @Order(1)
  void operationHistoryHasTheCurrentDecisionAndEveryAuditRecordAsStoredInTheTopic()
      throws Exception {
    JsonNode body = ok("/packs/mapleverse/operations/m-create");

    assertThat(body.get("decision").get("decision").asText()).isEqualTo("ALLOWED");
    assertThat(body.get("request").get("deploymentId").asText()).isEqualTo("m-dep");
    List<Long> sequences = longs(body.get("auditSequences"));
    assertThat(sequences).isNotEmpty();
    assertThat(body.get("missingSequences")).isEmpty();
    JsonNode audit = body.get("audit");
    assertThat(audit).hasSize(sequences.size());
    Map<Long, AuditRecord> topic = auditTopic("mapleverse");
    List<String> types = new ArrayList<>();
    for (int i = 0; i < audit.size(); i++) {
      JsonNode record = audit.get(i);
      long sequence = record.get("sequence").asLong();
      assertThat(sequence).isEqualTo(sequences.get(i));
      assertThat(record.get("operation_id").asText()).isEqualTo("m-create");
      AuditRecord stored = topic.get(sequence);
      assertThat(record.get("hash").asText())
          .isEqualTo(stored.getHash())
          .isEqualTo(AuditChain.computeHash(stored));
      assertThat(record.get("prev_hash").asText()).isEqualTo(stored.getPrevHash());
      assertThat(record.get("_kafka").get("topic").asText())
          .isEqualTo(fixture.layout.audit("mapleverse").name());
      types.add(record.get("event_type").asText());
    }
    assertThat(types).contains("DECISION", "DEPLOYMENT_UPDATED");
    assertThat(body.get("decision").get("auditSequence").asLong()).isIn(sequences);
  }

  @Test
  @Order(1)
  void operationHistoryShowsPendingApprovalsAndHolds() throws Exception {
    JsonNode pending = ok("/packs/ibank/operations/b-create");
    assertThat(pending.get("decision").get("decision").asText()).isEqualTo("PENDING_APPROVAL");
    assertThat(pending.get("pendingApproval").get("approvalId").asText())
        .isEqualTo("approval-b-create");
    assertThat(eventTypes(pending)).contains("APPROVAL_REQUESTED");

    JsonNode held = ok("/packs/ibank/operations/b-term");
    assertThat(held.get("activeHold").get("holdId").asText()).isEqualTo("hold-b-term");
    assertThat(eventTypes(held)).contains("HOLD_PLACED");
  }

  @Test
  @Order(1)
  void deploymentAuditHasTheStateAndTheRecordsOfEveryOperationOnIt() throws Exception {
    JsonNode body = ok("/packs/mapleverse/deployments/m-dep/audit");

    assertThat(body.get("deployment").get("replicas").asInt()).isEqualTo(2);
    assertThat(body.get("deployment").get("lastOperation").asText()).isEqualTo("restart");
    assertThat(body.get("missingSequences")).isEmpty();
    List<String> operations = new ArrayList<>();
    body.get("audit").forEach(r -> operations.add(r.get("operation_id").asText()));
    assertThat(operations).contains("m-create", "m-restart", "m-dup");
    assertThat(longs(body.get("auditSequences"))).isSorted().hasSize(body.get("audit").size());
  }

  @Test
  @Order(1)
  void approvalsListsThePendingRequests() throws Exception {
    JsonNode body = ok("/packs/ibank/approvals?state=pending");
    assertThat(body.get("approvals"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.get("operationId").asText()).isEqualTo("b-create");
              assertThat(a.get("requesterId").asText()).isEqualTo("alice");
            });
    assertThat(ok("/packs/ibank/approvals").get("approvals")).hasSize(1);
    assertThat(ok("/packs/mapleverse/approvals?state=pending").get("approvals")).isEmpty();

    HttpResponse<String> settled = fixture.get(base, "/packs/ibank/approvals?state=settled", TOKEN);
    assertThat(settled.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(settled.body()).get("message").asText()).contains("state=pending");
  }

  @Test
  @Order(1)
  void verifyReportsAnIntactChainFromGenesis() throws Exception {
    JsonNode body = ok("/packs/ibank/audit/verify");
    long records = ok("/packs/ibank").get("counts").get("auditRecords").asLong();

    assertThat(body.get("status").asText()).isEqualTo("INTACT");
    assertThat(body.get("intact").asBoolean()).isTrue();
    assertThat(body.get("from").asText()).isEqualTo("genesis");
    assertThat(body.get("recordsChecked").asLong()).isEqualTo(records);
    assertThat(body.get("lastSequence").asLong()).isEqualTo(records - 1);
    assertThat(body.get("firstBadSequence").isNull()).isTrue();
  }

  @Test
  @Order(1)
  void metricsCountDecisionsPerPackAndOutcomeAndShowApprovalsHoldsAndLag() {
    String operations = fixture.layout.operations().name();
    QueryFixture.await(
        "decision counters and lag in /metrics",
        Duration.ofSeconds(30),
        () -> {
          String text = metrics();
          return value(
                      text,
                      "palm_decisions_total",
                      Map.of("pack", "mapleverse", "decision", "ALLOWED", "kind", "DECISION"))
                  == 2.0
              && value(
                      text,
                      "palm_decisions_total",
                      Map.of("pack", "mapleverse", "decision", "DENIED", "kind", "DECISION"))
                  == 1.0
              && value(
                      text,
                      "palm_decisions_total",
                      Map.of("pack", "ibank", "decision", "PENDING_APPROVAL", "kind", "DECISION"))
                  == 1.0
              && value(
                      text,
                      "palm_decisions_total",
                      Map.of("pack", "ibank", "decision", "HELD", "kind", "DECISION"))
                  == 1.0
              && value(
                      text, "palm_audit_lag_records", Map.of("topic", operations, "partition", "0"))
                  == 0.0;
        });
    String text = metrics();
    assertThat(
            value(
                text,
                "palm_decisions_total",
                Map.of("pack", "ibank", "decision", "ALLOWED", "kind", "DECISION")))
        .isZero();
    assertThat(value(text, "palm_approvals_pending", Map.of("pack", "ibank"))).isEqualTo(1.0);
    assertThat(value(text, "palm_holds_active", Map.of("pack", "ibank"))).isEqualTo(1.0);
    assertThat(value(text, "palm_holds_active", Map.of("pack", "mapleverse"))).isZero();
    assertThat(text).contains("# TYPE palm_decisions_total counter").contains("kafka_stream_");
  }

  static Stream<Arguments> protectedRequests() {
    return PROTECTED.stream()
        .flatMap(
            path ->
                Stream.of(
                    Arguments.of(path, null),
                    Arguments.of(path, "Bearer wrong-token-wrong-token-wrong"),
                    Arguments.of(path, "Bearer " + TOKEN + "x"),
                    Arguments.of(path, "Basic " + TOKEN)));
  }

  @ParameterizedTest(name = "{0} with Authorization: {1}")
  @MethodSource("protectedRequests")
  @Order(1)
  void everyEndpointButHealthRefusesAMissingOrWrongToken(String path, String authorization)
      throws Exception {
    HttpResponse<String> response =
        authorization == null
            ? fixture.get(base, path, null)
            : fixture.getWithAuthorization(base, path, authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(JSON.readTree(response.body()).get("error").asText())
        .isIn("unauthorized", "invalid_token");
  }

  @ParameterizedTest
  @MethodSource("unknownThings")
  @Order(1)
  void unknownPacksOperationsDeploymentsAndPathsAre404(String path) throws Exception {
    HttpResponse<String> response = fixture.get(base, path, TOKEN);

    assertThat(response.statusCode()).as(path).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("not_found");
  }

  static Stream<String> unknownThings() {
    return Stream.of(
        "/packs/nope",
        "/packs/nope/operations/m-create",
        "/packs/nope/deployments/m-dep/audit",
        "/packs/nope/approvals?state=pending",
        "/packs/nope/audit/verify",
        "/packs/mapleverse/operations/never-published",
        "/packs/ibank/operations/m-create",
        "/packs/mapleverse/deployments/no-such-deployment/audit",
        "/nope",
        "/packs/ibank/whatever",
        "/packs/ibank/operations",
        "/packs//operations/x",
        "/");
  }

  @Test
  @Order(1)
  void otherMethodsThanGetAre405() {
    for (String method : List.of("POST", "PUT", "DELETE")) {
      HttpResponse<String> response =
          fixture.send(base, method, "/packs/ibank/operations/b-create", TOKEN);
      assertThat(response.statusCode()).as(method).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }
  }

  @Test
  @Order(2)
  void verifyNamesTheSequenceOfAForgedRecord() throws Exception {
    Map<Long, AuditRecord> trail = auditTopic("ibank");
    AuditRecord original = trail.get(1L);
    AuditRecord forged =
        AuditRecord.newBuilder(original)
            .setMessages(List.of("nothing to see here"))
            .build(); // same hash as the original: the content no longer matches it
    Properties props = new Properties();
    props.putAll(QueryFixture.kafkaProperties());
    try (KafkaProducer<String, AuditRecord> producer =
        new KafkaProducer<>(
            props, new StringSerializer(), fixture.serdes.valueSerializer(AuditRecord.class))) {
      producer
          .send(new ProducerRecord<>(fixture.layout.audit("ibank").name(), "ibank", forged))
          .get(30, TimeUnit.SECONDS);
    }

    JsonNode body = ok("/packs/ibank/audit/verify");

    assertThat(body.get("intact").asBoolean()).isFalse();
    assertThat(body.get("status").asText()).isEqualTo("TAMPERED");
    assertThat(body.get("firstBadSequence").asLong()).isEqualTo(1);
    assertThat(body.get("message").asText()).contains("record 1");
  }

  private JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = fixture.get(base, path, TOKEN);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    response
        .headers()
        .firstValue(Forwarder.SERVED_BY)
        .ifPresent(by -> assertThat(by).isEqualTo(base.getAuthority()));
    return JSON.readTree(response.body());
  }

  private String metrics() {
    HttpResponse<String> response = fixture.get(base, "/metrics", TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    return response.body();
  }

  /**
   * Waits until the operation's decision is {@code decision} and all its audit records are
   * readable.
   */
  private void awaitHistory(String path, String decision) {
    QueryFixture.await(
        path + " decided " + decision,
        Duration.ofSeconds(60),
        () -> {
          HttpResponse<String> response = fixture.get(base, path, TOKEN);
          if (response.statusCode() != 200) {
            return false;
          }
          try {
            JsonNode body = JSON.readTree(response.body());
            // polled while the pipeline works: an answer without the decision yet means "not yet"
            return body.path("decision").path("decision").asText().equals(decision)
                && body.has("missingSequences")
                && body.get("missingSequences").isEmpty();
          } catch (java.io.IOException e) {
            return false;
          }
        });
  }

  private static List<String> eventTypes(JsonNode history) {
    List<String> types = new ArrayList<>();
    history.get("audit").forEach(r -> types.add(r.get("event_type").asText()));
    return types;
  }

  private static List<Long> longs(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asLong).toList();
  }

  /** The value of the sample {@code name{labels}} in Prometheus text, or NaN when absent. */
  static double value(String text, String name, Map<String, String> labels) {
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(text);
    while (m.find()) {
      Map<String, String> found = new HashMap<>();
      for (String pair : m.group(1).split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          found.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
        }
      }
      if (found.entrySet().containsAll(labels.entrySet())) {
        return Double.parseDouble(m.group(2));
      }
    }
    return Double.NaN;
  }

  /** The pack's audit trail as stored, by sequence (first record of each sequence). */
  private Map<Long, AuditRecord> auditTopic(String pack) {
    Properties props = new Properties();
    props.putAll(QueryFixture.kafkaProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<Long, AuditRecord> bySequence = new HashMap<>();
    try (KafkaConsumer<String, AuditRecord> consumer =
        new KafkaConsumer<>(
            props, new StringDeserializer(), fixture.serdes.valueDeserializer(AuditRecord.class))) {
      TopicPartition tp = new TopicPartition(fixture.layout.audit(pack).name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, AuditRecord> r : consumer.poll(Duration.ofMillis(200))) {
          bySequence.putIfAbsent(r.value().getSequence(), r.value());
        }
      }
    }
    return bySequence;
  }

  static {
    SharedInfra.kafka(); // start the broker before any timing-sensitive part
  }
}

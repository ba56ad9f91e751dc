package dev.palm.streams.query;

import static dev.palm.streams.query.QueryFixture.TOKEN;
import static dev.palm.streams.query.QueryFixture.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palm.packs.canonical.IBankPack;
import dev.palm.packs.canonical.MapleversePack;
import dev.palm.streams.policy.PolicyStores;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of one pipeline application (same application id, two state folders, two query
 * servers) on the shared broker, with input topics of two partitions and two packs whose records
 * land in different partitions, so each instance owns one pack; each instance must answer for the
 * pack it does not own by forwarding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class QueryForwardingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PACKS = List.of("ibank", "mapleverse");

  private QueryFixture fixture;
  private QueryFixture.Instance first;
  private QueryFixture.Instance second;

  /** Owner and non-owner instance of each pack. */
  private final Map<String, QueryFixture.Instance> owner = new HashMap<>();

  private final Map<String, QueryFixture.Instance> other = new HashMap<>();

  @BeforeAll
  void startTwoInstancesAndDecideOneOperationPerPack() {
    // the premise of the test: the two packs' records go to different partitions of a 2-partition
    // topic
    assertThat(partitionOf("ibank")).isNotEqualTo(partitionOf("mapleverse"));
    fixture = new QueryFixture(List.of(new IBankPack(), new MapleversePack()), 2);
    first = fixture.startInstance();
    second = fixture.startInstance();
    fixture.awaitRunning();
    QueryFixture.await(
        "each instance owning one pack, as both instances see it",
        Duration.ofSeconds(90),
        this::eachInstanceOwnsOnePack);
    for (String pack : PACKS) {
      HostInfo host = activeHost(first, pack);
      owner.put(pack, host.equals(first.server.hostInfo()) ? first : second);
      other.put(pack, host.equals(first.server.hostInfo()) ? second : first);
    }

    fixture.publish(operation("ibank", "b-create", "create_deployment", "b-dep", 1));
    fixture.publish(operation("mapleverse", "m-create", "create_deployment", "m-dep", 2));
    awaitDecision("ibank", "b-create", "PENDING_APPROVAL");
    awaitDecision("mapleverse", "m-create", "ALLOWED");
  }

  @AfterAll
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void eachInstanceAnswersForThePackItDoesNotOwnWithTheOwnersState() throws Exception {
    for (String pack : PACKS) {
      QueryFixture.Instance asked = other.get(pack);
      String ownerAddress = owner.get(pack).server.applicationServer();
      String operationId = pack.equals("ibank") ? "b-create" : "m-create";
      String deploymentId = pack.equals("ibank") ? "b-dep" : "m-dep";

      for (String path :
          List.of(
              "/packs/" + pack,
              "/packs/" + pack + "/operations/" + operationId,
              "/packs/" + pack + "/deployments/" + deploymentId + "/audit",
              "/packs/" + pack + "/approvals?state=pending")) {
        HttpResponse<String> response = fixture.get(asked.base(), path, TOKEN);
        assertThat(response.statusCode())
            .as(path + " at " + asked.base() + ": " + response.body())
            .isEqualTo(200);
        assertThat(response.headers().firstValue(Forwarder.SERVED_BY))
            .as(path)
            .hasValue(ownerAddress);
        assertThat(ownerAddress).isNotEqualTo(asked.server.applicationServer());
        assertThat(JSON.readTree(response.body()).get("servedBy").asText()).isEqualTo(ownerAddress);
      }
      JsonNode history =
          JSON.readTree(
              fixture
                  .get(asked.base(), "/packs/" + pack + "/operations/" + operationId, TOKEN)
                  .body());
      assertThat(history.get("audit")).isNotEmpty();
      assertThat(history.get("missingSequences")).isEmpty();
    }
    JsonNode approvals =
        JSON.readTree(
            fixture
                .get(other.get("ibank").base(), "/packs/ibank/approvals?state=pending", TOKEN)
                .body());
    assertThat(approvals.get("approvals"))
        .singleElement()
        .satisfies(a -> assertThat(a.get("operationId").asText()).isEqualTo("b-create"));
  }

  @Test
  void packsOnEitherInstanceShowsBothPacksWithTheirOwnersCounts() throws Exception {
    for (QueryFixture.Instance asked : List.of(first, second)) {
      JsonNode body = JSON.readTree(fixture.get(asked.base(), "/packs", TOKEN).body());
      Map<String, JsonNode> packs = new HashMap<>();
      body.get("packs").forEach(p -> packs.put(p.get("name").asText(), p));
      assertThat(packs).containsOnlyKeys(PACKS);
      for (String pack : PACKS) {
        assertThat(packs.get(pack).has("unavailable")).as(pack + " " + packs.get(pack)).isFalse();
        assertThat(packs.get(pack).get("servedBy").asText())
            .isEqualTo(owner.get(pack).server.applicationServer());
      }
      assertThat(packs.get("ibank").get("counts").get("pendingApprovals").asLong()).isEqualTo(1);
      assertThat(packs.get("mapleverse").get("counts").get("deployments").asLong()).isEqualTo(1);
    }
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    QueryFixture.Instance notOwner = other.get("ibank");
    HttpResponse<String> response =
        fixture.getWithHeader(
            notOwner.base(),
            "/packs/ibank/operations/b-create",
            Forwarder.FORWARDED_BY,
            "127.0.0.1:1");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(response.body()).get("message").asText()).contains("rebalancing");
  }

  @Test
  void theTokenIsCheckedBeforeForwarding() {
    QueryFixture.Instance notOwner = other.get("mapleverse");
    HttpResponse<String> missing =
        fixture.get(notOwner.base(), "/packs/mapleverse/operations/m-create", null);
    HttpResponse<String> wrong =
        fixture.get(notOwner.base(), "/packs/mapleverse/operations/m-create", TOKEN + "-wrong");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue(Forwarder.SERVED_BY)).isEmpty();
  }

  @Test
  void eitherInstanceVerifiesAnyPackFromTheTopic() throws Exception {
    for (QueryFixture.Instance asked : List.of(first, second)) {
      for (String pack : PACKS) {
        JsonNode body =
            JSON.readTree(
                fixture.get(asked.base(), "/packs/" + pack + "/audit/verify", TOKEN).body());
        assertThat(body.get("status").asText()).as(pack).isEqualTo("INTACT");
        assertThat(body.get("recordsChecked").asLong()).isPositive();
        assertThat(body.get("servedBy").asText()).isEqualTo(asked.server.applicationServer());
      }
    }
  }

  @Test
  void decisionCountersOfTheInstancesAddUpToThePipelinesDecisions() {
    QueryFixture.await(
        "one counted decision per pack over both instances",
        Duration.ofSeconds(30),
        () ->
            counted("ibank", "PENDING_APPROVAL") == 1.0 && counted("mapleverse", "ALLOWED") == 1.0);
    // each decision was counted by the instance owning the pack only
    String ownerMetrics = fixture.get(owner.get("ibank").base(), "/metrics", TOKEN).body();
    assertThat(
            QueryServerTest.value(
                ownerMetrics,
                "palm_decisions_total",
                Map.of("pack", "ibank", "decision", "PENDING_APPROVAL", "kind", "DECISION")))
        .isEqualTo(1.0);
  }

  private double counted(String pack, String decision) {
    double sum = 0;
    for (QueryFixture.Instance instance : List.of(first, second)) {
      String text = fixture.get(instance.base(), "/metrics", TOKEN).body();
      sum +=
          QueryServerTest.value(
              text,
              "palm_decisions_total",
              Map.of("pack", pack, "decision", decision, "kind", "DECISION"));
    }
    return sum;
  }

  private boolean eachInstanceOwnsOnePack() {
    HostInfo ibank = activeHost(first, "ibank");
    HostInfo mapleverse = activeHost(first, "mapleverse");
    return ibank != null
        && mapleverse != null
        && !ibank.equals(mapleverse)
        && ibank.equals(activeHost(second, "ibank"))
        && mapleverse.equals(activeHost(second, "mapleverse"));
  }

  private static HostInfo activeHost(QueryFixture.Instance instance, String pack) {
    KeyQueryMetadata metadata =
        instance.streams.queryMetadataForKey(PolicyStores.OPERATIONS, pack, new StringSerializer());
    return metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
        ? null
        : metadata.activeHost();
  }

  private void awaitDecision(String pack, String operationId, String decision) {
    QueryFixture.Instance asked = owner.get(pack);
    QueryFixture.await(
        pack + " " + operationId + " " + decision,
        Duration.ofSeconds(60),
        () -> {
          HttpResponse<String> response =
              fixture.get(asked.base(), "/packs/" + pack + "/operations/" + operationId, TOKEN);
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

  private static int partitionOf(String pack) {
    return Utils.toPositive(Utils.murmur2(pack.getBytes(StandardCharsets.UTF_8))) % 2;
  }
}

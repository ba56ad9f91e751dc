package dev.palm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.streams.infra.SharedInfra;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link SchemaRegistryClient} against the real embedded registry (Apicurio's Confluent API). */
@Tag("integration")
class SchemaRegistryClientTest {

  private static final Schema V1 =
      SchemaBuilder.record("Thing")
          .namespace("test.palm")
          .fields()
          .requiredString("name")
          .endRecord();
  private static final Schema V2 =
      SchemaBuilder.record("Thing")
          .namespace("test.palm")
          .fields()
          .requiredString("name")
          .optionalString("colour")
          .endRecord();
  private static final Schema INCOMPATIBLE =
      SchemaBuilder.record("Thing")
          .namespace("test.palm")
          .fields()
          .requiredLong("weight")
          .endRecord();

  private static SchemaRegistryClient client() {
    return new SchemaRegistryClient(RegistryConfig.of(SharedInfra.registryUrl()));
  }

  private static String subject(String label) {
    return SharedInfra.uniquePrefix(label) + "-value";
  }

  @Test
  void registersLooksUpAndFetchesSchemasAndVersions() {
    SchemaRegistryClient client = client();
    String subject = subject("register");

    assertThat(client.lookup(subject, V1)).isEmpty();
    assertThat(client.latest(subject)).isEmpty();
    int id = client.register(subject, V1);
    assertThat(
            new SchemaRegistryClient(RegistryConfig.of(SharedInfra.registryUrl()))
                .register(subject, V1))
        .as("registering the same schema again is a no-op with the same id")
        .isEqualTo(id);
    assertThat(client().lookup(subject, V1)).contains(id);
    assertThat(client().schemaById(id)).isEqualTo(V1);
    SubjectVersion latest = client().latest(subject).orElseThrow();
    assertThat(latest.id()).isEqualTo(id);
    assertThat(latest.version()).isEqualTo(1);
    assertThat(latest.schema()).isEqualTo(V1);
    assertThat(client().subjects()).contains(subject);

    int id2 = client.register(subject, V2);
    assertThat(id2).isNotEqualTo(id);
    assertThat(client().latest(subject).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void compatibilityLevelIsReadSetAndEnforcedWithAClearRefusal() {
    SchemaRegistryClient client = client();
    String subject = subject("compat");
    client.register(subject, V1);

    client.setSubjectCompatibility(subject, CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(client.subjectCompatibility(subject))
        .contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(client.testCompatibility(subject, V2).compatible()).isTrue();
    CompatibilityResult refused = client.testCompatibility(subject, INCOMPATIBLE);
    assertThat(refused.compatible()).isFalse();
    assertThat(refused.messages()).isNotEmpty();
    assertThat(client.testCompatibility(subject("fresh"), INCOMPATIBLE).compatible())
        .as("a subject that does not exist accepts anything")
        .isTrue();

    assertThatThrownBy(() -> client.register(subject, INCOMPATIBLE))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.isRetriable()).isFalse();
            })
        .hasMessageContaining(SharedInfra.registryUrl())
        .hasMessageContaining(subject)
        .hasMessageContaining("HTTP 409");
  }

  @Test
  void anUnknownIdIsNotFoundNamingTheIdAndTheRegistryCode() {
    assertThatThrownBy(() -> client().schemaById(987_654))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.isRetriable()).isFalse();
              assertThat(e.errorCode()).hasValue(40403);
            })
        .hasMessageContaining("schema id 987654")
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void anUnreachableRegistryIsAnOutageAfterBoundedRetries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    SchemaRegistryClient client =
        new SchemaRegistryClient(
            RegistryConfig.fromMap(
                Map.of(
                    RegistryConfig.URL,
                    url,
                    RegistryConfig.MAX_ATTEMPTS,
                    "3",
                    RegistryConfig.RETRY_BACKOFF_MS,
                    "10")));

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOfSatisfying(
            RegistryUnavailableException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("Cannot reach the schema registry at " + url);
    assertThat(client.worstCaseCallTime()).isPositive();
    assertThat(System.nanoTime() - start).as("gave up, did not hang").isLessThan(30_000_000_000L);
  }

  @Test
  void apicuriosRootUrlIsRefusedWithTheUrlToGiveInstead() {
    String root = SharedInfra.registry().baseUrl();
    assertThatThrownBy(() -> new SchemaRegistryClient(RegistryConfig.of(root)).check())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining(root + "/apis/ccompat/v7");
    assertThat(client().check()).isNotNull();
  }

  @Test
  void basicCredentialsAreSentAndA401IsReportedClearly() throws Exception {
    String expected =
        "Basic "
            + Base64.getEncoder().encodeToString("palm:s3cret".getBytes(StandardCharsets.UTF_8));
    try (AuthenticatingProxy proxy = new AuthenticatingProxy(SharedInfra.registryUrl(), expected)) {
      SchemaRegistryClient authorised =
          new SchemaRegistryClient(
              RegistryConfig.fromMap(
                  Map.of(
                      RegistryConfig.URL, proxy.url(),
                      RegistryConfig.BASIC_AUTH_SOURCE, "USER_INFO",
                      RegistryConfig.BASIC_AUTH_USER_INFO, "palm:s3cret")));
      String subject = subject("basic");
      int id = authorised.register(subject, V1);
      assertThat(client().schemaById(id)).isEqualTo(V1);
      assertThat(proxy.authorizations()).containsOnly(expected);

      SchemaRegistryClient anonymous = new SchemaRegistryClient(RegistryConfig.of(proxy.url()));
      assertThatThrownBy(() -> anonymous.register(subject("anonymous"), V1))
          .isInstanceOfSatisfying(
              RegistryException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.isRetriable()).as("no retries on 4xx").isFalse();
              })
          .hasMessageContaining(proxy.url())
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining(RegistryConfig.BASIC_AUTH_USER_INFO);
      assertThat(proxy.authorizations())
          .as("one attempt, no retry on 401")
          .containsExactly(expected, "");

      SchemaRegistryClient inUrl =
          new SchemaRegistryClient(
              RegistryConfig.of(proxy.url().replace("http://", "http://palm:s3cret@")));
      assertThat(inUrl.schemaById(id)).isEqualTo(V1);
    }
  }

  @Test
  void aBearerTokenIsSent() throws Exception {
    try (AuthenticatingProxy proxy =
        new AuthenticatingProxy(SharedInfra.registryUrl(), "Bearer tok-123")) {
      SchemaRegistryClient client =
          new SchemaRegistryClient(
              RegistryConfig.fromMap(
                  Map.of(
                      RegistryConfig.URL, proxy.url(),
                      RegistryConfig.BEARER_AUTH_SOURCE, "STATIC_TOKEN",
                      RegistryConfig.BEARER_AUTH_TOKEN, "tok-123")));
      assertThat(client.register(subject("bearer"), V1)).isPositive();
      assertThat(proxy.authorizations()).containsOnly("Bearer tok-123");
    }
  }
}

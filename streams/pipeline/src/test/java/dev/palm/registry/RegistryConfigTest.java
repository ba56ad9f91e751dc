package dev.palm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void readsConfluentsSettingNames() {
    RegistryConfig config =
        RegistryConfig.fromMap(
            Map.of(
                "schema.registry.url", "https://a:8081/, https://b:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "u:p",
                "auto.register.schemas", "false"));

    assertThat(config.urls())
        .extracting(Object::toString)
        .containsExactly("https://a:8081", "https://b:8081");
    assertThat(config.basicUserInfo()).contains("u:p");
    assertThat(config.bearerToken()).isEmpty();
    assertThat(config.autoRegister()).isFalse();
    assertThat(config.toString()).doesNotContain("u:p");
  }

  @Test
  void userInfoInTheUrlIsTakenOutOfTheUrl() {
    RegistryConfig config = RegistryConfig.of("http://alice:pw@reg:8081/apis/ccompat/v7");
    assertThat(config.url()).isEqualTo("http://reg:8081/apis/ccompat/v7");
    assertThat(config.basicUserInfo()).contains("alice:pw");
  }

  @Test
  void malformedSettingsNameTheSetting() {
    assertThatThrownBy(() -> RegistryConfig.fromMap(Map.of()))
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryConfig.of("localhost:8081"))
        .hasMessageContaining("localhost:8081")
        .hasMessageContaining("http");
    assertThatThrownBy(() -> RegistryConfig.of("ftp://reg")).hasMessageContaining("ftp://reg");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of(
                        "schema.registry.url",
                        "http://r",
                        "basic.auth.credentials.source",
                        "USER_INFO")))
        .hasMessageContaining("basic.auth.user.info");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of(
                        "schema.registry.url",
                        "http://r",
                        "basic.auth.credentials.source",
                        "SASL_INHERIT",
                        "basic.auth.user.info",
                        "u:p")))
        .hasMessageContaining("USER_INFO or URL");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of("schema.registry.url", "http://r", "basic.auth.user.info", "nocolon")))
        .hasMessageContaining("user:password");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of(
                        "schema.registry.url",
                        "http://r",
                        "basic.auth.user.info",
                        "u:p",
                        "bearer.auth.token",
                        "t")))
        .hasMessageContaining("Both basic and bearer");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of("schema.registry.url", "http://r", "auto.register.schemas", "yes")))
        .hasMessageContaining("auto.register.schemas")
        .hasMessageContaining("yes");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of(
                        "schema.registry.url",
                        "http://r",
                        "schema.registry.request.timeout.ms",
                        "-5")))
        .hasMessageContaining("schema.registry.request.timeout.ms");
    assertThatThrownBy(
            () ->
                RegistryConfig.fromMap(
                    Map.of(
                        "schema.registry.url",
                        "http://r",
                        "bearer.auth.credentials.source",
                        "OAUTHBEARER")))
        .hasMessageContaining("STATIC_TOKEN");
  }

  @Test
  void registrySettingsAreToldApartFromKafkaSettings() {
    assertThat(RegistryConfig.isRegistrySetting("basic.auth.user.info")).isTrue();
    assertThat(RegistryConfig.isRegistrySetting("schema.registry.ssl.truststore.location"))
        .isTrue();
    assertThat(RegistryConfig.isRegistrySetting("bootstrap.servers")).isFalse();
    assertThat(RegistryConfig.isRegistrySetting("sasl.jaas.config")).isFalse();
  }

  @Test
  void compatibilityLevelsCoverWeakerOnes() {
    assertThat(CompatibilityLevel.FULL_TRANSITIVE.covers(CompatibilityLevel.BACKWARD_TRANSITIVE))
        .isTrue();
    assertThat(
            CompatibilityLevel.BACKWARD_TRANSITIVE.covers(CompatibilityLevel.BACKWARD_TRANSITIVE))
        .isTrue();
    assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.covers(CompatibilityLevel.BACKWARD)).isTrue();
    assertThat(CompatibilityLevel.BACKWARD.covers(CompatibilityLevel.BACKWARD_TRANSITIVE))
        .isFalse();
    assertThat(CompatibilityLevel.FULL.covers(CompatibilityLevel.BACKWARD_TRANSITIVE)).isFalse();
    assertThat(CompatibilityLevel.NONE.covers(CompatibilityLevel.BACKWARD_TRANSITIVE)).isFalse();
    assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.covers(CompatibilityLevel.BACKWARD_TRANSITIVE))
        .isFalse();
    assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS")).hasMessageContaining("SIDEWAYS");
  }
}

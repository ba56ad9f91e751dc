package dev.palm.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.client.ClientConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the connection settings come from: a flag, then a file the operator named, then the
 * environment, then the default.
 */
class ConnectionOptionsTest {

  @TempDir Path dir;

  private static final Map<String, String> ENV =
      Map.of(
          ConnectionOptions.BOOTSTRAP_ENV, "env-broker:9092",
          ConnectionOptions.REGISTRY_ENV, "http://env-registry:8081",
          ConnectionOptions.TOPIC_PREFIX_ENV, "envprefix");

  private ClientConfig config(
      Map<String, String> env,
      Optional<String> bootstrap,
      Optional<Path> file,
      Optional<String> prefix) {
    ConnectionOptions options = new ConnectionOptions();
    options.environment = env;
    options.bootstrapServers = bootstrap;
    options.clientConfig = file;
    options.topicPrefix = prefix;
    return options.config();
  }

  @Test
  void aFlagWinsOverTheFileTheFileOverTheEnvironment() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=file-broker:9093\nsecurity.protocol=SSL\n");

    assertThat(
            config(ENV, Optional.of("flag-broker:9094"), Optional.of(file), Optional.empty())
                .bootstrapServers())
        .isEqualTo("flag-broker:9094");
    // the file names its cluster: an exported variable of the shell must not redirect it
    ClientConfig fromFile = config(ENV, Optional.empty(), Optional.of(file), Optional.empty());
    assertThat(fromFile.bootstrapServers()).isEqualTo("file-broker:9093");
    assertThat(config(ENV, Optional.empty(), Optional.empty(), Optional.empty()).bootstrapServers())
        .isEqualTo("env-broker:9092");
    assertThat(
            config(Map.of(), Optional.empty(), Optional.empty(), Optional.empty())
                .bootstrapServers())
        .isEqualTo(ConnectionOptions.DEFAULT_BOOTSTRAP);
  }

  @Test
  void theTopicPrefixAndRegistryComeFromTheEnvironmentUnlessGiven() {
    ClientConfig fromEnv = config(ENV, Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(fromEnv.topicPrefix()).isEqualTo("envprefix");
    assertThat(fromEnv.registryUrl()).isEqualTo("http://env-registry:8081");
    assertThat(
            config(ENV, Optional.empty(), Optional.empty(), Optional.of("flagprefix"))
                .topicPrefix())
        .isEqualTo("flagprefix");
    ClientConfig defaults =
        config(
            Map.of(ConnectionOptions.TOPIC_PREFIX_ENV, " "),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(defaults.topicPrefix()).isEqualTo("palm");
    assertThat(defaults.registryUrl()).isEqualTo(ConnectionOptions.DEFAULT_REGISTRY);
  }

  @Test
  void anIllegalPrefixInTheEnvironmentIsNamedAsSuch() {
    Map<String, String> env = Map.of(ConnectionOptions.TOPIC_PREFIX_ENV, "bad prefix!");
    assertThatThrownBy(() -> config(env, Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("$PALM_TOPIC_PREFIX: ")
        .hasMessageContaining("bad prefix!")
        .hasMessageContaining("--topic-prefix");
    // an explicit flag does not consult the environment at all
    assertThat(config(env, Optional.empty(), Optional.empty(), Optional.of("ok")).topicPrefix())
        .isEqualTo("ok");
  }
}

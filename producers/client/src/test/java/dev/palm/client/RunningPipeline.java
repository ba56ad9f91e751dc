package dev.palm.client;

import dev.palm.audit.Keyring;
import dev.palm.packs.PlatformPack;
import dev.palm.streams.infra.SharedInfra;
import dev.palm.streams.service.PalmService;
import dev.palm.streams.service.PipelineConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real pipeline ({@link PalmService}) on the JVM's shared broker and registry, with topics and
 * application id of its own, for tests that drive the command line or the clients against it.
 */
public final class RunningPipeline implements AutoCloseable {

  private final ClientConfig config;
  private final PalmService service;

  private RunningPipeline(ClientConfig config, PalmService service) {
    this.config = config;
    this.service = service;
  }

  /**
   * Starts a pipeline enforcing {@code packs}, keeping its state and signing key under {@code
   * stateDir}.
   */
  public static RunningPipeline start(String label, Path stateDir, List<PlatformPack> packs)
      throws Exception {
    return start(label, stateDir, packs, Keyring.EMPTY);
  }

  /** Like {@link #start(String, Path, List)}, trusting {@code keyring} for proofs. */
  public static RunningPipeline start(
      String label, Path stateDir, List<PlatformPack> packs, Keyring keyring) throws Exception {
    ClientConfig config = Fixture.config(label);
    PalmService service =
        PalmService.create(
            PipelineConfig.builder()
                .bootstrapServers(SharedInfra.bootstrapServers())
                .registryUrl(SharedInfra.registryUrl())
                .stateDir(stateDir)
                .applicationId(config.topicPrefix() + "-app")
                .topicPrefix(config.topicPrefix())
                .signingKeyFile(Optional.of(stateDir.resolve("signing.pem")))
                .keyring(keyring)
                .build(),
            packs);
    service.start();
    return new RunningPipeline(config, service);
  }

  /** How clients and the command line reach this pipeline's topics. */
  public ClientConfig config() {
    return config;
  }

  /** The running service. */
  public PalmService service() {
    return service;
  }

  @Override
  public void close() {
    service.close();
  }
}

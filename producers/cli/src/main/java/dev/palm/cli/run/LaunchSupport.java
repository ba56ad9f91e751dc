package dev.palm.cli.run;

import dev.palm.streams.service.PipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What {@code palm run} and {@code palm bench} share to decide between an embedded and an external
 * cluster.
 */
public final class LaunchSupport {

  private LaunchSupport() {}

  /**
   * The bootstrap servers of a Kafka client properties file, if the file exists and names any; a
   * run without them (and without --bootstrap-servers) starts its own in-process broker.
   */
  public static Optional<String> clientConfigBootstrap(Optional<Path> clientConfig) {
    return clientConfig
        .filter(Files::isRegularFile)
        .map(PipelineConfig::readProperties)
        .map(p -> p.getProperty("bootstrap.servers"))
        .filter(s -> !s.isBlank());
  }

  /**
   * Keeps the console to progress lines: Kafka, the registry client and PALM's own INFO logs are
   * hidden.
   */
  public static void quietLogs(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.WARN : Level.ERROR);
    Configurator.setLevel("dev.palm", verbose ? Level.INFO : Level.ERROR);
    Configurator.setLevel("org.apache", verbose ? Level.WARN : Level.ERROR);
    Configurator.setLevel("kafka", verbose ? Level.WARN : Level.ERROR);
    Configurator.setLevel("io.apicurio", verbose ? Level.WARN : Level.ERROR);
  }
}

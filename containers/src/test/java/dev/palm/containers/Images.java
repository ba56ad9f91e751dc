package dev.palm.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The images the container tests run: the public ones by default, or the local stand-ins the
 * environment names (KAFKA_IMAGE, REGISTRY_IMAGE, PALM_JRE_IMAGE; docker/local/build-images.sh).
 * The PALM image is built once per test JVM from the root Dockerfile and palm-cli's packaged jars,
 * unless PALM_IMAGE names a ready one.
 */
final class Images {

  private static String palm;

  private Images() {}

  static String kafka() {
    return env("KAFKA_IMAGE").orElse("apache/kafka:4.3.1");
  }

  static String registry() {
    return env("REGISTRY_IMAGE").orElse("apicurio/apicurio-registry-mem:2.6.13.Final");
  }

  static synchronized String palm() {
    if (palm == null) {
      palm = env("PALM_IMAGE").orElseGet(Images::buildPalm);
    }
    return palm;
  }

  private static String buildPalm() {
    Path root = projectRoot();
    Path jars = root.resolve("producers/cli/target/lib");
    if (!Files.isDirectory(jars)) {
      throw new IllegalStateException(
          "The PALM image is built from palm-cli's packaged jars, and "
              + jars
              + " does not exist: run the container tests from the whole build (mvn -B verify), or"
              + " mvn -B -DskipTests package first");
    }
    // deleteOnExit: the image is this build's, not one a user should find later
    return new ImageFromDockerfile("palm/palm-test", true)
        .withDockerfile(root.resolve("Dockerfile"))
        .withBuildArg("JRE_IMAGE", env("PALM_JRE_IMAGE").orElse("eclipse-temurin:17-jre"))
        .get();
  }

  /** The repository's root: the parent of this module's folder (Maven runs tests there). */
  static Path projectRoot() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null || !Files.isRegularFile(root.resolve("Dockerfile"))) {
      throw new IllegalStateException(
          "Cannot find the project's Dockerfile above "
              + module
              + "; run the tests from containers/");
    }
    return root;
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }
}

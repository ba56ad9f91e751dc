package dev.palm.streams.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unpacked Apicurio Registry server distribution ({@code
 * io.apicurio:apicurio-registry-app:<v>:tar.gz:all} from Maven Central), ready to be started by
 * {@link RegistryServer}.
 *
 * <p>{@link #resolve(String)} finds the tarball in the local Maven repository (honouring {@code
 * -Dmaven.repo.local} and {@code MAVEN_REPO_LOCAL}), fetches it once with {@code mvn
 * dependency:get} when it is missing, and unpacks it once into {@code
 * ~/.cache/palm/apicurio-registry-<v>/} (or {@code $PALM_CACHE_DIR}, {@code -Dpalm.cache.dir}); the
 * unpacked folder is renamed into place atomically so concurrent JVMs never see a half-unpacked
 * copy.
 *
 * @param version the server version, e.g. {@code 2.6.13.Final}
 * @param home the unpacked folder
 * @param runnerJar the executable jar inside {@code home}
 */
public record RegistryDistribution(String version, Path home, Path runnerJar) {

  /**
   * The server version: it runs on Java 17, serves {@code /apis/ccompat/v7}, and it and its parent
   * POMs resolve from Maven Central on a machine with an empty local repository (3.0.9's parent POM
   * is not served; 3.1+ need Java 21).
   */
  public static final String DEFAULT_VERSION = "2.6.13.Final";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryDistribution.class);
  private static final String GROUP = "io.apicurio";
  private static final String ARTIFACT = "apicurio-registry-app";
  private static final long FETCH_TIMEOUT_MINUTES = 20;

  /** Validates the components. */
  public RegistryDistribution {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(runnerJar, "runnerJar");
  }

  /** Resolves the {@link #DEFAULT_VERSION}. */
  public static RegistryDistribution resolve() {
    return resolve(DEFAULT_VERSION);
  }

  /** Finds, fetches if needed, and unpacks if needed the given server version. */
  public static RegistryDistribution resolve(String version) {
    return resolve(version, localRepository(), cacheRoot(), mavenExecutable());
  }

  /** {@link #resolve(String)} with explicit folders and Maven binary (for tests). */
  static synchronized RegistryDistribution resolve(
      String version, Path localRepository, Path cacheRoot, String mavenExecutable) {
    Path home = cacheRoot.resolve("apicurio-registry-" + version);
    Optional<Path> runner = findRunnerJar(home);
    if (runner.isPresent()) {
      return new RegistryDistribution(version, home, runner.get());
    }
    Path tarball = tarballPath(localRepository, version);
    if (!Files.isRegularFile(tarball)) {
      fetch(version, tarball, localRepository, mavenExecutable);
    }
    unpack(tarball, home);
    Path jar =
        findRunnerJar(home)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The Apicurio Registry "
                            + "distribution unpacked in "
                            + home
                            + " has no *-runner.jar or quarkus-run.jar; delete the folder"
                            + " and "
                            + tarball
                            + " and try again"));
    return new RegistryDistribution(version, home, jar);
  }

  /**
   * The local Maven repository: {@code -Dpalm.registry.repo.local} or {@code
   * $PALM_REGISTRY_REPO_LOCAL} (a repository of its own for the server, e.g. an empty one in CI to
   * prove it resolves from Maven Central), else {@code -Dmaven.repo.local}, {@code
   * $MAVEN_REPO_LOCAL}, or {@code ~/.m2/repository}.
   */
  public static Path localRepository() {
    String own = System.getProperty("palm.registry.repo.local");
    if (own == null || own.isBlank()) {
      own = System.getenv("PALM_REGISTRY_REPO_LOCAL");
    }
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String property = System.getProperty("maven.repo.local");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("MAVEN_REPO_LOCAL");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /**
   * Where unpacked distributions are kept: {@code -Dpalm.cache.dir}, {@code $PALM_CACHE_DIR} or
   * {@code ~/.cache/palm}.
   */
  public static Path cacheRoot() {
    String property = System.getProperty("palm.cache.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("PALM_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "palm");
  }

  /** The Maven coordinates of the server tarball for {@code mvn dependency:get -Dartifact=...}. */
  public static String coordinates(String version) {
    return GROUP + ":" + ARTIFACT + ":" + version + ":tar.gz:all";
  }

  static Path tarballPath(Path localRepository, String version) {
    return localRepository
        .resolve(GROUP.replace('.', '/'))
        .resolve(ARTIFACT)
        .resolve(version)
        .resolve(ARTIFACT + "-" + version + "-all.tar.gz");
  }

  private static Optional<Path> findRunnerJar(Path home) {
    if (!Files.isDirectory(home)) {
      return Optional.empty();
    }
    Path quarkusRun = home.resolve("quarkus-run.jar"); // the fast-jar layout of newer versions
    if (Files.isRegularFile(quarkusRun)) {
      return Optional.of(quarkusRun);
    }
    try (Stream<Path> files = Files.list(home)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + home, e);
    }
  }

  private static void fetch(
      String version, Path tarball, Path localRepository, String mavenExecutable) {
    List<String> command = new ArrayList<>();
    command.add(mavenExecutable);
    command.add("-B");
    command.add("-q");
    command.add("dependency:get");
    command.add("-Dartifact=" + coordinates(version));
    command.add("-Dtransitive=false");
    command.add("-Dmaven.repo.local=" + localRepository.toAbsolutePath());
    LOG.info(
        "Apicurio Registry {} is not in the local Maven repository yet; fetching it once from Maven Central"
            + " (about 140 MB): {}",
        version,
        String.join(" ", command));
    Path log = null;
    try {
      log = Files.createTempFile("palm-registry-fetch-", ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(FETCH_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "Fetching "
                + coordinates(version)
                + " did not finish within "
                + FETCH_TIMEOUT_MINUTES
                + " minutes; run `"
                + String.join(" ", command)
                + "` by hand");
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(tarball)) {
        throw new IllegalStateException(
            "Fetching "
                + coordinates(version)
                + " with Maven failed (exit code "
                + process.exitValue()
                + "); run `"
                + String.join(" ", command)
                + "` by hand. Maven said:\n"
                + LogTail.of(log, 30));
      }
      LOG.info("Fetched {}", tarball);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not run Maven to fetch "
              + coordinates(version)
              + " ("
              + e.getMessage()
              + "); install Maven or run `mvn dependency:get -Dartifact="
              + coordinates(version)
              + " -Dtransitive=false` by hand",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while fetching " + coordinates(version), e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a leftover temp log is harmless
        }
      }
    }
  }

  private static String mavenExecutable() {
    String explicit = System.getProperty("palm.mvn");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    String name = windows ? "mvn.cmd" : "mvn";
    for (String env : List.of("MAVEN_HOME", "M2_HOME")) {
      String home = System.getenv(env);
      if (home != null && Files.isExecutable(Path.of(home, "bin", name))) {
        return Path.of(home, "bin", name).toString();
      }
    }
    return name;
  }

  private static void unpack(Path tarball, Path home) {
    Path parent = home.toAbsolutePath().getParent();
    Path staging = parent.resolve(home.getFileName() + ".unpacking-" + UUID.randomUUID());
    long startNanos = System.nanoTime();
    LOG.info("Unpacking {} into {}", tarball.getFileName(), home);
    try {
      Files.createDirectories(staging);
      Process tar =
          new ProcessBuilder(
                  "tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", staging.toString())
              .redirectErrorStream(true)
              .start();
      String output =
          new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (tar.waitFor() != 0) {
        throw new IllegalStateException(
            "Unpacking "
                + tarball
                + " with tar failed (exit code "
                + tar.exitValue()
                + "): "
                + output.strip()
                + "; delete the file to fetch it again");
      }
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException otherJvmWon) {
        LOG.debug("Another process unpacked {} first", home);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IllegalStateException(
            "Cannot rename "
                + staging
                + " to "
                + home
                + " atomically; set"
                + " -Dpalm.cache.dir to a folder on a local file system",
            e);
      }
      LOG.info(
          "Unpacked Apicurio Registry in {} ms",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not unpack "
              + tarball
              + " into "
              + home
              + " (is the system `tar` command installed?)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while unpacking " + tarball, e);
    } finally {
      try {
        FileTrees.deleteRecursively(staging);
      } catch (IOException e) {
        LOG.warn("Could not delete the staging folder {}: {}", staging, e.toString());
      }
    }
  }
}

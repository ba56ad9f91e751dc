package dev.palm.streams.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDistributionTest {

  @Test
  void aMissingTarballIsFetchedWithMavenOnceThenUnpackedIntoTheCache(@TempDir Path temp)
      throws Exception {
    Path realTarball =
        RegistryDistribution.tarballPath(
            RegistryDistribution.localRepository(), RegistryDistribution.DEFAULT_VERSION);
    RegistryDistribution.resolve(); // makes sure the real tarball is in the local repository
    Path calls = temp.resolve("mvn-calls.txt");
    // stands in for `mvn dependency:get`: records its arguments and "downloads" by linking the real
    // tarball
    Path mvn =
        script(
            temp,
            "fake-mvn",
            """
                #!/bin/sh
                echo "$@" >> '%s'
                for arg in "$@"; do
                  case "$arg" in -Dmaven.repo.local=*) repo="${arg#-Dmaven.repo.local=}" ;; esac
                done
                dir="$repo/io/apicurio/apicurio-registry-app/%s"
                mkdir -p "$dir"
                ln -s '%s' "$dir/apicurio-registry-app-%s-all.tar.gz"
                """
                .formatted(
                    calls,
                    RegistryDistribution.DEFAULT_VERSION,
                    realTarball,
                    RegistryDistribution.DEFAULT_VERSION));
    Path repository = temp.resolve("repository");
    Path cache = temp.resolve("cache");

    RegistryDistribution first =
        RegistryDistribution.resolve(
            RegistryDistribution.DEFAULT_VERSION, repository, cache, mvn.toString());
    RegistryDistribution second =
        RegistryDistribution.resolve(
            RegistryDistribution.DEFAULT_VERSION, repository, cache, mvn.toString());

    assertThat(first).isEqualTo(second);
    assertThat(first.home())
        .isEqualTo(cache.resolve("apicurio-registry-" + RegistryDistribution.DEFAULT_VERSION));
    assertThat(first.runnerJar()).isRegularFile();
    List<String> mavenCalls = Files.readAllLines(calls);
    assertThat(mavenCalls).hasSize(1);
    assertThat(mavenCalls.get(0))
        .contains(
            "dependency:get",
            "-Dartifact=io.apicurio:apicurio-registry-app:"
                + RegistryDistribution.DEFAULT_VERSION
                + ":tar.gz:all",
            "-Dtransitive=false",
            "-Dmaven.repo.local=" + repository.toAbsolutePath());
    try (var leftovers = Files.list(cache)) {
      assertThat(leftovers).as("no half-unpacked staging folders").containsExactly(first.home());
    }
  }

  @Test
  void aFailedFetchShowsTheCommandAndWhatMavenSaid(@TempDir Path temp) throws Exception {
    Path mvn =
        script(
            temp,
            "failing-mvn",
            """
                #!/bin/sh
                echo "[ERROR] Could not resolve io.apicurio:apicurio-registry-app: network is unreachable"
                exit 1
                """);

    assertThatThrownBy(
            () ->
                RegistryDistribution.resolve(
                    "2.6.13.Final", temp.resolve("repo"), temp.resolve("cache"), mvn.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "dependency:get -Dartifact=io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all")
        .hasMessageContaining("network is unreachable");
  }

  private static Path script(Path folder, String name, String text) throws Exception {
    Path script = folder.resolve(name);
    Files.writeString(script, text);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}

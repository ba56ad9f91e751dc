package dev.palm.containers;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;

/** What only a container engine can do to a running process: kill, pause, stop and start it. */
final class Docker {

  private Docker() {}

  static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  /**
   * SIGKILL: no shutdown hook, no clean close of Kafka Streams, an open transaction left behind.
   */
  static void kill(String containerId) {
    client().killContainerCmd(containerId).withSignal("KILL").exec();
  }

  static void pause(String containerId) {
    client().pauseContainerCmd(containerId).exec();
  }

  static void unpause(String containerId) {
    client().unpauseContainerCmd(containerId).exec();
  }

  /** docker stop: SIGTERM, then SIGKILL after {@code seconds}. */
  static void stop(String containerId, int seconds) {
    client().stopContainerCmd(containerId).withTimeout(seconds).exec();
  }

  /** docker start of a stopped container: the same file system, so the same data. */
  static void start(String containerId) {
    client().startContainerCmd(containerId).exec();
  }

  static void removeVolume(String name) {
    try {
      client().removeVolumeCmd(name).exec();
    } catch (RuntimeException e) {
      // already gone, or still used by a container Testcontainers removes later: nothing to keep
    }
  }
}

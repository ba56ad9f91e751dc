package dev.palm.containers;

import dev.palm.client.ClientConfig;
import dev.palm.client.Operation;
import dev.palm.client.OperationPublisher;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes {@code create_deployment} operations for one pack at a steady rate from the host, on
 * its own thread, and remembers which ones the broker acknowledged (and which failed).
 */
final class Load implements AutoCloseable {

  private final ClientConfig config;
  private final String pack;
  private final int perSecond;
  private final String prefix;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  Load(ClientConfig config, String pack, int perSecond, String prefix) {
    this.config = config;
    this.pack = pack;
    this.perSecond = perSecond;
    this.prefix = prefix;
    this.thread = new Thread(this::publish, "load-" + prefix);
  }

  /**
   * A {@code create_deployment} of one replica by an agent, with the operation id as the deployment
   * id: every such operation is new work for the pack.
   */
  static Operation createDeployment(String pack, String id, String agent) {
    return Operation.builder(pack, "create_deployment")
        .operationId(id)
        .deploymentId(id)
        .actor(agent, "agent")
        .targetReplicas(1)
        .build();
  }

  Load start() {
    thread.start();
    return this;
  }

  private void publish() {
    long interval = 1_000_000_000L / perSecond;
    long next = System.nanoTime();
    int n = 0;
    try (OperationPublisher publisher = new OperationPublisher(config)) {
      while (running.get()) {
        String id = prefix + "-" + n++;
        publisher
            .publishAsync(createDeployment(pack, id, "load-agent"))
            .whenComplete(
                (ok, error) -> {
                  if (error == null) {
                    acknowledged.add(id);
                  } else {
                    failed.incrementAndGet();
                  }
                });
        next += interval;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
      publisher.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops publishing and waits until every send is acknowledged or failed. */
  Set<String> stop() throws InterruptedException {
    running.set(false);
    thread.join();
    return Set.copyOf(acknowledged);
  }

  int failed() {
    return failed.get();
  }

  int acknowledgedSoFar() {
    return acknowledged.size();
  }

  @Override
  public void close() throws InterruptedException {
    if (thread.isAlive()) {
      stop();
    }
  }
}

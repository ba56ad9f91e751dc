package dev.palm.streams.infra;

import dev.palm.wire.PalmSerdes;
import dev.palm.wire.TopicLayout;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded Kafka broker and one Apicurio Registry per JVM, started lazily on first use and
 * stopped when the JVM exits; the fixture that integration tests of every module share so a test
 * run starts each server once.
 *
 * <p>It lives in main code (not a test jar) so the producers module's tests can use it without
 * depending on another module's test classes. Tests isolate themselves with {@link
 * #uniquePrefix(String)} or {@link #uniqueLayout(String)} instead of restarting servers. Nothing
 * here runs unless a test calls it.
 */
public final class SharedInfra {

  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static EmbeddedKafka kafka;
  private static RegistryServer registry;

  private SharedInfra() {}

  /** The JVM's shared broker, started on first call; its own shutdown hook stops it at JVM exit. */
  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start();
    }
    return kafka;
  }

  /**
   * The JVM's shared registry, started on first call; its own shutdown hook stops it at JVM exit.
   */
  public static synchronized RegistryServer registry() {
    if (registry == null || !registry.isAlive()) {
      registry = RegistryServer.start();
    }
    return registry;
  }

  /** The shared broker's {@code bootstrap.servers}. */
  public static String bootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** The shared registry's base URL. */
  public static String registryUrl() {
    return registry().url();
  }

  /** Serdes bound to the shared registry. */
  public static PalmSerdes serdes() {
    return PalmSerdes.forRegistry(registryUrl());
  }

  /**
   * A topic-name prefix no other test of this or any concurrent JVM uses, e.g. {@code
   * t-3f9a1c2e-7-audit}, so tests can share the broker without seeing each other's topics.
   */
  public static String uniquePrefix(String label) {
    String clean = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return "t-" + RUN_ID + "-" + COUNTER.incrementAndGet() + "-" + clean;
  }

  /** A {@link TopicLayout} with a {@link #uniquePrefix(String)}. */
  public static TopicLayout uniqueLayout(String label) {
    return TopicLayout.withPrefix(uniquePrefix(label));
  }
}

package dev.palm.containers;

/**
 * One broker and one registry container for every test class of the JVM that does not need its own;
 * each test isolates itself with its own topic prefix and application id. Stopped when the JVM
 * exits.
 */
final class SharedStack {

  private static KafkaNode kafka;
  private static RegistryNode registry;

  private SharedStack() {}

  static synchronized KafkaNode kafka() {
    start();
    return kafka;
  }

  static synchronized RegistryNode registry() {
    start();
    return registry;
  }

  private static void start() {
    if (kafka != null) {
      return;
    }
    registry = new RegistryNode();
    kafka = new KafkaNode();
    // the two start side by side; join() rethrows the registry's failure
    java.util.concurrent.CompletableFuture<RegistryNode> registryStart =
        java.util.concurrent.CompletableFuture.supplyAsync(registry::start);
    kafka.start();
    registryStart.join();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  registry.close();
                },
                "shared-stack-stop"));
  }
}

package dev.palm.cli.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action on Ctrl-C (SIGINT) or SIGTERM instead of letting the JVM's shutdown hooks race
 * each other: the pipeline must stop before the in-process broker it writes to, which independent
 * shutdown hooks cannot guarantee. Falls back to a shutdown hook where the JVM offers no signal
 * API.
 */
final class SignalHandlers {

  private SignalHandlers() {}

  /** Calls {@code action} on the first SIGINT or SIGTERM, on its own thread. */
  static void onInterrupt(Runnable action) {
    AtomicBoolean fired = new AtomicBoolean();
    Runnable once =
        () -> {
          if (fired.compareAndSet(false, true)) {
            action.run();
          }
        };
    try {
      for (String name : new String[] {"INT", "TERM"}) {
        sun.misc.Signal.handle(
            new sun.misc.Signal(name), signal -> new Thread(once, "palm-run-stop").start());
      }
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      Runtime.getRuntime().addShutdownHook(new Thread(once, "palm-run-stop"));
    }
  }
}

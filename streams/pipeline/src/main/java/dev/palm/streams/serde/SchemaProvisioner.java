package dev.palm.streams.serde;

import dev.palm.registry.CompatibilityLevel;
import dev.palm.registry.RegistryException;
import dev.palm.registry.RegistryUnavailableException;
import dev.palm.registry.SchemaRegistryClient;
import dev.palm.wire.TopicLayout;
import dev.palm.wire.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Prepares the schema registry before the pipeline processes anything: checks that it answers, puts
 * every subject of PALM's topics ({@code <topic>-value}, inputs and outputs) at {@link #REQUIRED}
 * compatibility, and registers (or, without auto-registration, finds) the current schema of each,
 * which also fills the shared client's id cache, so that no output of the running topology waits
 * for the registry.
 *
 * <p>The registry then enforces what the build checks against {@code schemas/history}: a new schema
 * version must read every older one. A subject whose level PALM may not set (HTTP 401/403) is
 * accepted when its level already covers {@link #REQUIRED}, and refused, naming the subject, when
 * it is weaker.
 */
public final class SchemaProvisioner {

  /** The compatibility level PALM's subjects need: every new version reads all older ones. */
  public static final CompatibilityLevel REQUIRED = CompatibilityLevel.BACKWARD_TRANSITIVE;

  /** Subjects prepared at the same time at start. */
  private static final int PARALLEL_SUBJECTS = 8;

  private final SchemaRegistryClient client;

  /** A provisioner working through {@code client}. */
  public SchemaProvisioner(SchemaRegistryClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * What provisioning did for one subject.
   *
   * @param subject the subject
   * @param id the schema id of PALM's current schema there
   * @param level the subject's compatibility level afterwards
   * @param levelSet whether PALM set the level (false: it was already enough, or PALM may not set
   *     it)
   */
  public record SubjectReport(String subject, int id, CompatibilityLevel level, boolean levelSet) {}

  /**
   * Checks the registry once, within the client's retry bounds.
   *
   * @throws IllegalStateException with a one-line message naming the URL and what went wrong
   */
  public void requireReachable() {
    try {
      client.check();
    } catch (RegistryUnavailableException e) {
      throw new IllegalStateException(
          e.getMessage()
              + ". Check --registry-url (the registry's"
              + " Confluent-compatible API) and that the registry is running",
          e);
    } catch (RegistryException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Provisions the subjects of every Avro topic of {@code layout} for {@code packs}. */
  public List<SubjectReport> provision(TopicLayout layout, Collection<String> packs) {
    Map<String, Schema> subjects = new LinkedHashMap<>();
    for (TopicSpec<?, ?> topic : layout.all(packs)) {
      if (SpecificRecord.class.isAssignableFrom(topic.valueType())) {
        subjects.put(topic.name() + "-value", SpecificData.get().getSchema(topic.valueType()));
      }
    }
    // Each subject takes four or five round trips; one after the other they added seconds to every
    // start, and so to the time a restarted pipeline decides nothing. The client is thread-safe.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(PARALLEL_SUBJECTS, subjects.size())),
            r -> {
              Thread t = new Thread(r, "palm-schema-provisioning");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<SubjectReport>> pending = new ArrayList<>();
      subjects.forEach(
          (subject, schema) -> pending.add(pool.submit(() -> provision(subject, schema))));
      List<SubjectReport> reports = new ArrayList<>();
      for (Future<SubjectReport> report : pending) {
        reports.add(report.get());
      }
      return List.copyOf(reports);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while registering PALM's schemas", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(
          "Could not register PALM's schemas: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Provisions one subject: compatibility level first (when the subject exists), then the schema.
   */
  public SubjectReport provision(String subject, Schema schema) {
    try {
      boolean exists = client.latest(subject).isPresent();
      boolean set = false;
      if (exists) {
        set = ensureLevel(subject);
      }
      int id =
          client.config().autoRegister()
              ? client.register(subject, schema)
              : client
                  .lookup(subject, schema)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "Subject '"
                                  + subject
                                  + "' at "
                                  + client.config().url()
                                  + " does not have PALM's current schema and"
                                  + " auto.register.schemas is false; register it (or let PALM register it once)"));
      if (!exists) {
        set = ensureLevel(subject);
      }
      return new SubjectReport(subject, id, effectiveLevel(subject), set);
    } catch (RegistryUnavailableException e) {
      throw new IllegalStateException(
          "The schema registry at "
              + client.config().url()
              + " stopped answering"
              + " while PALM registered its schemas: "
              + e.getMessage(),
          e);
    } catch (RegistryException e) {
      if (e.status() == 409) {
        throw new IllegalStateException(
            "Subject '"
                + subject
                + "' at "
                + client.config().url()
                + " refuses PALM's current schema as incompatible with its registered versions ("
                + e.registryMessage().orElse(e.getMessage())
                + "); someone registered a schema PALM does not"
                + " read, or PALM is older than the data",
            e);
      }
      throw new IllegalStateException(
          "Could not prepare subject '" + subject + "': " + e.getMessage(), e);
    }
  }

  /** Sets {@link #REQUIRED} unless the level already covers it; returns whether it set it. */
  private boolean ensureLevel(String subject) {
    CompatibilityLevel current = effectiveLevel(subject);
    if (current.covers(REQUIRED)) {
      return false;
    }
    try {
      client.setSubjectCompatibility(subject, REQUIRED);
      return true;
    } catch (RegistryException e) {
      if (e.status() == 401 || e.status() == 403) {
        throw new IllegalStateException(
            "Subject '"
                + subject
                + "' at "
                + client.config().url()
                + " has"
                + " compatibility "
                + current
                + ", weaker than the "
                + REQUIRED
                + " PALM needs, and PALM may"
                + " not change it (HTTP "
                + e.status()
                + "); set it with PUT /config/"
                + subject
                + " or grant"
                + " PALM the permission (docs/running.md)",
            e);
      }
      throw e;
    }
  }

  private CompatibilityLevel effectiveLevel(String subject) {
    return client.subjectCompatibility(subject).orElseGet(client::globalCompatibility);
  }
}

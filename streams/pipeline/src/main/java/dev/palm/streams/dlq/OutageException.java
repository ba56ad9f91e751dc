package dev.palm.streams.dlq;

import dev.palm.registry.RegistryUnavailableException;
import org.apache.kafka.streams.errors.StreamsException;

/**
 * Ends the stream thread because the schema registry stayed unavailable while a record was handled:
 * the record is fine and must be processed again, not dead-lettered or skipped. The pipeline's
 * uncaught-exception handler replaces the thread; the old one leaves the group, its open
 * transaction is aborted and its stores are rebuilt from their changelogs, and the new one resumes
 * at the last committed offsets (see {@link Outages}).
 */
public final class OutageException extends StreamsException {

  private static final long serialVersionUID = 1L;

  OutageException(String message, RegistryUnavailableException cause) {
    super(message, cause);
  }
}

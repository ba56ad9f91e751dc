package dev.palm.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject.
 *
 * @param subject the subject, e.g. {@code palm.operations-value}
 * @param version the subject's version number, from 1
 * @param id the schema id written in the wire format
 * @param schema the schema
 */
public record SubjectVersion(String subject, int version, int id, Schema schema) {

  /** Validates the components. */
  public SubjectVersion {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}

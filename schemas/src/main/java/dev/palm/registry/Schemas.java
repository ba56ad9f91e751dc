package dev.palm.registry;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The schema of a generated Avro class. */
final class Schemas {

  private Schemas() {}

  static Schema of(Class<? extends SpecificRecord> type) {
    return SpecificData.get().getSchema(type);
  }
}

package dev.palm.packs.files;

import dev.palm.packs.PlatformProfile;
import dev.palm.packs.Spelling;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns contract records into plain maps and lists in pack-file form (snake_case keys in component
 * order, enums by their spellings, absent optionals as {@code null}), the inverse of {@link
 * RecordBinder}.
 */
final class RecordWriter {

  private RecordWriter() {}

  static Object toTree(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Spelling spelled) {
      // Before the record case: custom values of open enums are records but are written as one
      // word.
      return spelled.spelling();
    }
    if (value instanceof Record record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          fields.put(
              RecordBinder.snake(component.getName()),
              toTree(component.getAccessor().invoke(record)));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      return fields;
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(RecordWriter::toTree).orElse(null);
    }
    if (value instanceof List<?> list) {
      List<Object> elements = new ArrayList<>(list.size());
      list.forEach(element -> elements.add(toTree(element)));
      return elements;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> entries = new TreeMap<>();
      map.forEach((key, element) -> entries.put(String.valueOf(key), toTree(element)));
      return entries;
    }
    if (value instanceof PlatformProfile || value instanceof Instant) {
      return value.toString();
    }
    return value;
  }
}

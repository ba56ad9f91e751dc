package dev.palm.packs.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes pack files: a {@link PlatformPackConfig} as YAML ({@code .yaml}, {@code .yml})
 * or JSON ({@code .json}).
 *
 * <p>Reading is strict so that typos cannot silently weaken a policy: keys are the snake_case field
 * names, an omitted field takes its default (so the tutorial's short examples are valid packs), and
 * unknown fields, duplicate keys, wrong types, negative counts and unknown enum spellings are
 * errors. Every problem of a file is reported at once in a {@link PackFileException} naming the
 * file, the field path and the line and column. A missing or unreadable file is a {@link
 * PackException} of kind {@link PackError#IO}. Unsigned 32-bit fields (u32 in the original) are
 * Java {@code int}s here, so they accept 0 to 2147483647.
 *
 * <p>Writing prints every field explicitly (absent optionals as {@code null}); what {@link #toYaml}
 * or {@link #toJson} prints loads back to an equal config.
 */
public final class PackFiles {

  private static final YAMLFactory YAML_FACTORY =
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();
  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final ObjectMapper YAML_WRITER = new ObjectMapper(YAML_FACTORY);
  private static final ObjectMapper JSON_WRITER =
      new ObjectMapper(JSON_FACTORY).enable(SerializationFeature.INDENT_OUTPUT);

  /** The two syntaxes a pack file may be written in. */
  public enum Format {
    /** YAML 1.1 as read by Jackson (files ending {@code .yaml} or {@code .yml}). */
    YAML,
    /** JSON (files ending {@code .json}). */
    JSON
  }

  private PackFiles() {}

  /**
   * Tells whether {@code path} has a pack-file extension ({@code .yaml}, {@code .yml}, {@code
   * .json}).
   */
  public static boolean isPackFile(Path path) {
    return formatOf(path).isPresent();
  }

  /** Returns the format a file name implies, if it has a pack-file extension. */
  public static Optional<Format> formatOf(Path path) {
    Path fileName = path.getFileName();
    String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Optional.of(Format.YAML);
    }
    if (name.endsWith(".json")) {
      return Optional.of(Format.JSON);
    }
    return Optional.empty();
  }

  /**
   * Loads the pack file at {@code file}.
   *
   * @throws PackFileException when the file's content is not a valid pack (kind CONFIG_PARSE or
   *     VALIDATION)
   * @throws PackException of kind IO when the file is missing or unreadable
   */
  public static PlatformPackConfig load(Path file) throws PackException {
    Format format =
        formatOf(file)
            .orElseThrow(
                () ->
                    new PackFileException(
                        file.toString(),
                        List.of(
                            wholeFileProblem(
                                "unsupported file type; name a pack file *.yaml, *.yml or *.json"))));
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PackException(
          PackError.IO, "pack file " + file + " does not exist; check the path", e);
    } catch (CharacterCodingException e) {
      throw new PackFileException(
          file.toString(),
          List.of(wholeFileProblem("the file is not UTF-8 text; save it as UTF-8")));
    } catch (IOException e) {
      throw new PackException(
          PackError.IO,
          "cannot read pack file "
              + file
              + ": "
              + e.getMessage()
              + "; check that it is a readable file",
          e);
    }
    return parse(text, format, file.toString());
  }

  /**
   * Parses pack-file {@code text} in {@code format}; {@code source} names it in error messages.
   *
   * @throws PackFileException when the text is not a valid pack
   */
  public static PlatformPackConfig parse(String text, Format format, String source)
      throws PackFileException {
    List<PackFileProblem> problems = new ArrayList<>();
    NodeReader reader =
        new NodeReader(format == Format.YAML ? YAML_FACTORY : JSON_FACTORY, problems);
    Optional<PlatformPackConfig> config =
        reader
            .read(text)
            .flatMap(
                root -> {
                  // a pack must say what it is: without metadata it would pass as "unknown"
                  if (root instanceof Node.MapNode map && !map.entries().containsKey("metadata")) {
                    problems.add(
                        NodeReader.problem(
                            PackError.VALIDATION,
                            "metadata",
                            root.location(),
                            "the pack has no metadata; add a metadata block with at least name and"
                                + " version"));
                  }
                  return new RecordBinder(problems).bindRoot(root, PlatformPackConfig.class);
                });
    if (!problems.isEmpty()) {
      throw new PackFileException(source, problems);
    }
    return config.orElseThrow(
        () ->
            new IllegalStateException(
                "pack " + source + " failed to bind without a recorded problem"));
  }

  private static PackFileProblem wholeFileProblem(String message) {
    return NodeReader.problem(PackError.CONFIG_PARSE, "", Node.Location.UNKNOWN, message);
  }

  /** Parses YAML pack text; {@code source} names it in error messages. */
  public static PlatformPackConfig fromYaml(String yaml, String source) throws PackFileException {
    return parse(yaml, Format.YAML, source);
  }

  /** Parses JSON pack text; {@code source} names it in error messages. */
  public static PlatformPackConfig fromJson(String json, String source) throws PackFileException {
    return parse(json, Format.JSON, source);
  }

  /** Prints {@code config} as a YAML pack file. */
  public static String toYaml(PlatformPackConfig config) {
    return write(YAML_WRITER, config);
  }

  /** Prints {@code config} as a JSON pack file. */
  public static String toJson(PlatformPackConfig config) {
    return write(JSON_WRITER, config) + System.lineSeparator();
  }

  /** Prints {@code config} in {@code format}. */
  public static String write(PlatformPackConfig config, Format format) {
    return format == Format.YAML ? toYaml(config) : toJson(config);
  }

  /** Writes {@code config} to {@code file} in the format its extension implies. */
  public static void save(PlatformPackConfig config, Path file) throws PackException {
    Format format =
        formatOf(file)
            .orElseThrow(
                () ->
                    new PackException(
                        PackError.IO,
                        "cannot write pack file " + file + ": name it *.yaml, *.yml or *.json"));
    try {
      Files.writeString(file, write(config, format), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PackException(
          PackError.IO, "cannot write pack file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String write(ObjectMapper mapper, PlatformPackConfig config) {
    try {
      return mapper.writeValueAsString(RecordWriter.toTree(config));
    } catch (JsonProcessingException e) {
      // Plain maps, lists and scalars always serialise; failing here is a bug, not bad input.
      throw new UncheckedIOException("cannot print pack " + config.metadata().name(), e);
    }
  }
}

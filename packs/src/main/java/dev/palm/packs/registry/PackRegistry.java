package dev.palm.packs.registry;

import dev.palm.packs.PackError;
import dev.palm.packs.PackException;
import dev.palm.packs.PlatformPack;
import dev.palm.packs.PlatformPackConfig;
import dev.palm.packs.canonical.CanonicalPack;
import dev.palm.packs.files.PackFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The set of packs PALM knows, by name: the built-in canonical packs, packs found with {@link
 * ServiceLoader} (Java implementations of {@link PlatformPack} listed in {@code
 * META-INF/services/dev.palm.packs.PlatformPack}) and pack files from directories. Two packs with
 * one name are an error naming both sources, because a name selects the pack's topics and audit
 * trail and must never be ambiguous.
 */
public final class PackRegistry {

  /** Where a registered pack came from. */
  public sealed interface Source {

    /** Describes the source for messages, e.g. {@code file packs/ibank.yaml}. */
    String describe();

    /**
     * One of the canonical packs shipped with PALM.
     *
     * @param className the pack's class
     */
    record BuiltIn(String className) implements Source {
      @Override
      public String describe() {
        return "built-in " + className;
      }
    }

    /**
     * A pack found with {@link ServiceLoader}.
     *
     * @param className the pack's class
     */
    record ServiceLoaded(String className) implements Source {
      @Override
      public String describe() {
        return "service-loaded " + className;
      }
    }

    /**
     * A pack file.
     *
     * @param path the file
     */
    record File(Path path) implements Source {
      @Override
      public String describe() {
        return "file " + path;
      }
    }

    /**
     * A pack added in code.
     *
     * @param description what added it
     */
    record Programmatic(String description) implements Source {
      @Override
      public String describe() {
        return description;
      }
    }
  }

  /**
   * A pack and where it came from.
   *
   * @param pack the pack
   * @param source where it came from
   */
  public record RegisteredPack(PlatformPack pack, Source source) {

    /** Checks the parts. */
    public RegisteredPack {
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(source, "source");
    }

    /** Returns the pack's name ({@code metadata().name()}). */
    public String name() {
      return pack.metadata().name();
    }
  }

  private final Map<String, RegisteredPack> packs;

  private PackRegistry(Map<String, RegisteredPack> packs) {
    this.packs = Collections.unmodifiableMap(new TreeMap<>(packs));
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a registry of the built-in packs and the service-loaded ones on the context class path.
   */
  public static PackRegistry standard() throws PackException {
    return builder().withBuiltins().withServiceLoader().build();
  }

  /** Finds the pack named {@code name}. */
  public Optional<PlatformPack> find(String name) {
    return entry(name).map(RegisteredPack::pack);
  }

  /** Finds the pack named {@code name} together with its source. */
  public Optional<RegisteredPack> entry(String name) {
    return Optional.ofNullable(packs.get(name));
  }

  /** Returns every pack with its source, sorted by name. */
  public List<RegisteredPack> packs() {
    return List.copyOf(packs.values());
  }

  /** Returns the pack names, sorted. */
  public List<String> names() {
    return List.copyOf(packs.keySet());
  }

  /** Tells how many packs there are. */
  public int size() {
    return packs.size();
  }

  /** Collects packs from several sources and checks that their names are unique. */
  public static final class Builder {

    private final List<Step> steps = new ArrayList<>();

    private interface Step {
      void addTo(Map<String, RegisteredPack> packs) throws PackException;
    }

    private Builder() {}

    /** Adds the canonical Mapleverse, Finalverse and iBank packs. */
    public Builder withBuiltins() {
      steps.add(
          packs -> {
            for (PlatformPack pack : CanonicalPack.all()) {
              add(packs, new RegisteredPack(pack, new Source.BuiltIn(pack.getClass().getName())));
            }
          });
      return this;
    }

    /** Adds the packs {@link ServiceLoader} finds with the thread's context class loader. */
    public Builder withServiceLoader() {
      return withServiceLoader(Thread.currentThread().getContextClassLoader());
    }

    /** Adds the packs {@link ServiceLoader} finds with {@code classLoader}. */
    public Builder withServiceLoader(ClassLoader classLoader) {
      steps.add(
          packs -> {
            ServiceLoader<PlatformPack> loader =
                ServiceLoader.load(PlatformPack.class, classLoader);
            List<ServiceLoader.Provider<PlatformPack>> providers;
            try {
              providers = loader.stream().toList();
            } catch (ServiceConfigurationError e) {
              throw new PackException(
                  PackError.PLATFORM,
                  "cannot discover platform packs: "
                      + e.getMessage()
                      + "; check the entries of META-INF/services/"
                      + PlatformPack.class.getName(),
                  e);
            }
            for (ServiceLoader.Provider<PlatformPack> provider : providers) {
              PlatformPack pack;
              try {
                pack = provider.get();
              } catch (ServiceConfigurationError e) {
                throw new PackException(
                    PackError.PLATFORM,
                    "cannot create platform pack "
                        + provider.type().getName()
                        + ": "
                        + e.getMessage()
                        + "; give it a public no-argument constructor",
                    e);
              }
              add(
                  packs,
                  new RegisteredPack(pack, new Source.ServiceLoaded(provider.type().getName())));
            }
          });
      return this;
    }

    /**
     * Adds every pack file ({@code *.yaml}, {@code *.yml}, {@code *.json}) directly in {@code
     * directory}.
     */
    public Builder withDirectory(Path directory) {
      steps.add(
          packs -> {
            List<Path> files;
            try (Stream<Path> listing = Files.list(directory)) {
              files =
                  listing
                      .filter(Files::isRegularFile)
                      .filter(PackFiles::isPackFile)
                      .sorted()
                      .toList();
            } catch (NoSuchFileException e) {
              throw new PackException(
                  PackError.IO,
                  "pack directory " + directory + " does not exist; check the path",
                  e);
            } catch (NotDirectoryException e) {
              throw new PackException(
                  PackError.IO,
                  directory + " is not a directory; give the folder that" + " holds the pack files",
                  e);
            } catch (IOException e) {
              throw new PackException(
                  PackError.IO,
                  "cannot list pack directory " + directory + ": " + e.getMessage(),
                  e);
            }
            for (Path file : files) {
              addFile(packs, file);
            }
          });
      return this;
    }

    /** Adds the pack file {@code file}. */
    public Builder withFile(Path file) {
      steps.add(packs -> addFile(packs, file));
      return this;
    }

    /** Adds {@code pack}; {@code description} names where it came from in messages. */
    public Builder withPack(PlatformPack pack, String description) {
      Objects.requireNonNull(pack, "pack");
      steps.add(
          packs -> add(packs, new RegisteredPack(pack, new Source.Programmatic(description))));
      return this;
    }

    /**
     * Loads every source in the order they were added.
     *
     * @throws PackException when a source cannot be loaded or two packs share a name
     */
    public PackRegistry build() throws PackException {
      Map<String, RegisteredPack> packs = new TreeMap<>();
      for (Step step : steps) {
        step.addTo(packs);
      }
      return new PackRegistry(packs);
    }

    private static void addFile(Map<String, RegisteredPack> packs, Path file) throws PackException {
      PlatformPackConfig config = PackFiles.load(file);
      add(packs, new RegisteredPack(config.toPack(), new Source.File(file)));
    }

    private static void add(Map<String, RegisteredPack> packs, RegisteredPack entry)
        throws PackException {
      RegisteredPack existing = packs.putIfAbsent(entry.name(), entry);
      if (existing != null) {
        throw new PackException(
            PackError.VALIDATION,
            "two packs are named '"
                + entry.name()
                + "': "
                + existing.source().describe()
                + " and "
                + entry.source().describe()
                + "; rename one of them (metadata.name) or load only one");
      }
    }
  }
}

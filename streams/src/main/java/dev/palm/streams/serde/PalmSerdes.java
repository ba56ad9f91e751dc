package dev.palm.streams.serde;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the serdes of PALM's topics: string keys, and Avro values through Apicurio Registry's Kafka serdes in
 * Confluent's wire format (byte 0 = magic 0, then the 4-byte schema id that {@code /apis/ccompat/v7} also
 * serves, no headers) with self-contained schemas, so Confluent-compatible consumers can read every topic.
 *
 * <p>Schemas are registered automatically under the topic's subject ({@code <topic>-value}) and read back into
 * the generated {@code dev.palm.events} classes. A value of another type than the one asked for, or bytes that
 * are not in the wire format, fail with a {@link SerializationException} naming the topic, so Kafka Streams'
 * deserialization handler can send them to the dead-letter topic.
 */
public final class PalmSerdes {

    /** The Apicurio v3 REST API path below a registry's base URL. */
    public static final String API_PATH = "/apis/registry/v3";

    private final Map<String, Object> config;

    private PalmSerdes(Map<String, Object> config) {
        this.config = Map.copyOf(config);
    }

    /** Serdes for the registry at {@code registryUrl} (its base URL, or the full {@code .../apis/registry/v3} URL). */
    public static PalmSerdes forRegistry(String registryUrl) {
        return new PalmSerdes(config(registryUrl));
    }

    /**
     * Serdes with a complete serde configuration, e.g. {@link #config(String)} plus authentication or TLS
     * settings of the registry ({@code apicurio.registry.auth.*}, {@code apicurio.registry.tls.*}).
     */
    public static PalmSerdes fromConfig(Map<String, ?> config) {
        if (!config.containsKey(REGISTRY_URL)) {
            throw new IllegalArgumentException("The serde configuration has no '" + REGISTRY_URL
                    + "'; start from PalmSerdes.config(registryUrl)");
        }
        return new PalmSerdes(Map.copyOf(config));
    }

    /**
     * The serde configuration for the registry at {@code registryUrl}: Confluent wire format with content ids,
     * auto-registration of self-contained schemas, specific Avro reader, and the JDK HTTP client (Apicurio's default Vert.x client was
     * seen to hang on error responses).
     */
    public static Map<String, Object> config(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(REGISTRY_URL, apiUrl(registryUrl));
        config.put("apicurio.registry.auto-register", true);
        config.put("apicurio.registry.auto-register.if-exists", "FIND_OR_CREATE_VERSION");
        config.put("apicurio.registry.use-specific-avro-reader", true);
        config.put("apicurio.registry.http.adapter", "JDK");
        // Confluent's framing: magic byte 0 + 4-byte id; the content id is the id ccompat/v7 reports
        config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put("apicurio.registry.use-id", "contentId");
        config.put("apicurio.registry.headers.enabled", false);
        // register each event schema self-contained: Apicurio would otherwise split every nested record and
        // enum into separate artifacts referenced by name, which many Confluent-compatible readers cannot follow
        config.put("apicurio.registry.dereference-schema", true);
        return Map.copyOf(config);
    }

    /** Normalises a registry URL to its v3 API URL ({@code apicurio.registry.url} expects the API, not the base). */
    public static String apiUrl(String registryUrl) {
        Objects.requireNonNull(registryUrl, "registryUrl");
        String url = registryUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.isEmpty() || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("Registry URL '" + registryUrl + "' is not an http(s) URL;"
                    + " give the registry's base URL, e.g. http://127.0.0.1:8080");
        }
        return url.endsWith(API_PATH) ? url : url + API_PATH;
    }

    /** A copy-safe view of the serde configuration (the {@code apicurio.registry.*} settings). */
    public Map<String, Object> config() {
        return config;
    }

    /** The v3 API URL of the registry these serdes use. */
    public String registryApiUrl() {
        return (String) config.get(REGISTRY_URL);
    }

    /** The key serde of every PALM topic: UTF-8 strings (the pack name for inputs and outputs). */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A configured value serde for the generated Avro class {@code type}. */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return valueSerde(type, config);
    }

    /**
     * A configured value serializer for plain producers. Only the serializer is built: each half opens its own
     * registry client, and a discarded deserializer would never close its one.
     */
    public <T extends SpecificRecord> Serializer<T> valueSerializer(Class<T> type) {
        TypedSerializer<T> serializer = new TypedSerializer<>(Objects.requireNonNull(type, "type"),
                new AvroKafkaSerializer<>());
        serializer.configure(config, false);
        return serializer;
    }

    /** A configured value deserializer for plain consumers (built alone, as {@link #valueSerializer}). */
    public <T extends SpecificRecord> Deserializer<T> valueDeserializer(Class<T> type) {
        TypedDeserializer<T> deserializer = new TypedDeserializer<>(Objects.requireNonNull(type, "type"),
                new AvroKafkaDeserializer<>());
        deserializer.configure(config, false);
        return deserializer;
    }

    /** A configured value serde for {@code type} from an explicit serde configuration. */
    public static <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type, Map<String, ?> config) {
        Objects.requireNonNull(type, "type");
        TypedSerializer<T> serializer = new TypedSerializer<>(type, new AvroKafkaSerializer<>());
        TypedDeserializer<T> deserializer = new TypedDeserializer<>(type, new AvroKafkaDeserializer<>());
        serializer.configure(config, false);
        deserializer.configure(config, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static final String REGISTRY_URL = "apicurio.registry.url";

    /** Apicurio's Avro serializer restricted to one generated type. */
    private static final class TypedSerializer<T extends SpecificRecord> implements Serializer<T> {
        private final Class<T> type;
        private final AvroKafkaSerializer<T> delegate;

        TypedSerializer(Class<T> type, AvroKafkaSerializer<T> delegate) {
            this.type = type;
            this.delegate = delegate;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public byte[] serialize(String topic, T data) {
            return serialize(topic, null, data);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, T data) {
            if (data == null) {
                return null;
            }
            if (!type.isInstance(data)) {
                throw new SerializationException("Topic " + topic + " takes " + type.getName() + " values, not "
                        + data.getClass().getName());
            }
            try {
                return headers == null ? delegate.serialize(topic, data) : delegate.serialize(topic, headers, data);
            } catch (SerializationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SerializationException("Could not serialize a " + type.getSimpleName() + " for topic "
                        + topic + " with the schema registry: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Apicurio's Avro deserializer that checks the result is the expected generated type. */
    private static final class TypedDeserializer<T extends SpecificRecord> implements Deserializer<T> {
        private final Class<T> type;
        private final AvroKafkaDeserializer<T> delegate;

        TypedDeserializer(Class<T> type, AvroKafkaDeserializer<T> delegate) {
            this.type = type;
            this.delegate = delegate;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            return deserialize(topic, null, data);
        }

        @Override
        public T deserialize(String topic, Headers headers, byte[] data) {
            if (data == null) {
                return null;
            }
            if (data.length < 5 || data[0] != 0) {
                throw new SerializationException("Value on topic " + topic + " is not in the Confluent wire format"
                        + " (magic byte 0 + 4-byte schema id); expected a " + type.getName());
            }
            Object value;
            try {
                value = headers == null ? delegate.deserialize(topic, data) : delegate.deserialize(topic, headers, data);
            } catch (SerializationException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SerializationException("Could not deserialize a " + type.getName() + " from topic " + topic
                        + ": " + e.getMessage(), e);
            }
            if (value != null && !type.isInstance(value)) {
                throw new SerializationException("Value on topic " + topic + " is a " + value.getClass().getName()
                        + ", expected a " + type.getName());
            }
            return type.cast(value);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}

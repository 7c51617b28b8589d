package dev.phasebot.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads {@code bot-config.yml} strictly: plain YAML data only (no type tags), no unknown or
 * duplicate keys, every required key present and of the right shape, every agent, team and
 * channel role that is referenced also defined. Any failure is a {@link ConfigException}
 * naming the file, the key path and what was expected.
 */
public final class ConfigLoader {

    private final ObjectMapper mapper;

    public ConfigLoader() {
        YAMLFactory yaml = YAMLFactory.builder().build();
        this.mapper = JsonMapper.builder(yaml)
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public BotConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    name + ": file not found (set PHASEBOT_CONFIG to the path of your bot-config.yml)");
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Parses config text; {@code name} is used in messages in place of a file path. */
    public BotConfig parse(String name, String text) {
        if (text.isBlank()) {
            throw new ConfigException(name + ": the file is empty (expected the keys phase, teams, agents, "
                    + "channels, standup, review, escalation, plan)");
        }
        rejectTypeTags(name, text);
        BotConfig config;
        try {
            config = mapper.readValue(text, BotConfig.class);
        } catch (JsonMappingException e) {
            throw ConfigException.at(name, path(e), describe(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(name + ": not valid YAML: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (config == null) {
            throw new ConfigException(
                    name
                            + ": the file is empty (expected the keys phase, teams, agents, channels, standup, review, escalation, plan)");
        }
        new ConfigValidator(name, config).validate();
        return config;
    }

    /** Type tags (!!java.net.URL and the like) are how YAML loaders get tricked into building objects. */
    private void rejectTypeTags(String name, String text) {
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser instanceof YAMLParser yamlParser && yamlParser.getTypeId() != null) {
                    throw new ConfigException(
                            name + ": line " + parser.currentLocation().getLineNr() + ": type tag '"
                                    + yamlParser.getTypeId() + "' is not allowed (expected plain YAML data)");
                }
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IOException e) {
            throw new ConfigException(name + ": not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String expected = known == null
                    ? ""
                    : known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return "unknown key '" + u.getPropertyName() + "' (expected one of: " + expected + ")";
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + expectedFor(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + expectedFor(m.getTargetType());
        }
        return firstLine(e.getOriginalMessage());
    }

    static String expectedFor(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == LocalTime.class) {
            return "a time of day like 09:00";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-12-25";
        }
        if (type == ZoneId.class || ZoneId.class.isAssignableFrom(type)) {
            return "a time zone id like America/New_York";
        }
        if (type == Duration.class) {
            return "an ISO-8601 duration like PT15M";
        }
        if (type == java.time.Period.class) {
            return "a number of whole days like P7D";
        }
        if (type == DayOfWeek.class) {
            return "a day of the week like MONDAY";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

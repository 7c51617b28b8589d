package dev.phasebot.config;

/** A config file the bot refuses to start with; the message names file, key and what was expected. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException at(String file, String keyPath, String problem) {
        return new ConfigException(file + ": " + keyPath + ": " + problem);
    }
}

/** Reads and checks {@code bot-config.yml}; entry point {@link dev.phasebot.config.ConfigLoader}. Owns no state. */
package dev.phasebot.config;

/**
 * Readers of what people type that every layer shares (the command grammar and the
 * features alike), so each kind of reference has exactly one parser.
 */
package dev.phasebot.text;

/** The console adapter: the same commands typed at a prompt, posts printed; used when no Slack token is set. */
package dev.phasebot.console;

/** Commands as the adapters hand them over: caller, dispatcher, replies and user errors. */
package dev.phasebot.command;

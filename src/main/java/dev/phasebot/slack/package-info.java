/** The Slack adapter: Jetty 12 request URL, signature check, Bolt handlers, Block Kit views and the Web API transport. */
package dev.phasebot.slack;

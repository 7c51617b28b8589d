/** What every port phasebot listens on shares: a Jetty server that names nothing of itself. */
package dev.phasebot.http;

package dev.phasebot.api;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The API on a port of its own, for the console mode, where no Slack request server runs
 * (in HTTP mode the API is served by that server). Anything outside {@code /api/v1} is 404.
 */
public final class ApiServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    public ApiServer(String host, int port, ApiHandler api) {
        this.server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Tell nobody which server and version answers, as the Slack request server does not.
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(api);
    }

    /**
     * The API started on {@code host}:{@code port}, or null after saying on {@code err} why not
     * (a port that is not a number, or one in use): for the console, which runs on without it.
     */
    public static ApiServer startOrExplain(String host, String port, ApiHandler api, java.io.PrintStream err) {
        int number;
        try {
            number = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            err.println("phasebot: the agent API is not served: PORT must be a number, got '" + port + "'");
            return null;
        }
        ApiServer server = new ApiServer(host, number, api);
        try {
            return server.start();
        } catch (Exception e) {
            server.close();
            err.println("phasebot: the agent API is not served: " + host + ":" + number + " is not free ("
                    + e.getMessage() + "); set PORT to another port");
            return null;
        }
    }

    public ApiServer start() throws Exception {
        server.start();
        return this;
    }

    /** The port actually bound (tests ask for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the API server did not stop cleanly", e);
        }
    }
}

package dev.phasebot.api;

import dev.phasebot.ops.QuietHttpServer;

/**
 * The API on a port of its own, for the console mode, where no Slack request server runs
 * (in HTTP mode the API is served by that server). Anything outside {@code /api/v1} is 404.
 */
public final class ApiServer implements AutoCloseable {

    private final QuietHttpServer server;

    public ApiServer(String host, int port, ApiHandler api) {
        this.server = new QuietHttpServer(host, port, api);
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
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}

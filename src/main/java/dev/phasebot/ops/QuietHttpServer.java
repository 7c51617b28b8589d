package dev.phasebot.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 server that says nothing about itself, for each port phasebot listens on (Slack's
 * request URL, the admin pages, the agents' API): no {@code Server} header or version, and
 * Jetty's own errors (a bad request line, a header too long) as one plain line, never its page.
 */
public final class QuietHttpServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    public QuietHttpServer(String host, int port, Handler handler) {
        this.server = new Server();
        // Naming the server and its version only helps someone shopping for exploits.
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setErrorHandler(new PlainErrors());
    }

    public void start() throws Exception {
        server.start();
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
            throw new IllegalStateException("the server on port " + port() + " did not stop cleanly", e);
        }
    }

    /** Jetty's own errors as one short plain line. */
    private static final class PlainErrors extends ErrorHandler {

        @Override
        protected void generateResponse(
                Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(
                    true,
                    ByteBuffer.wrap((code + " " + HttpStatus.getMessage(code)).getBytes(StandardCharsets.UTF_8)),
                    callback);
        }
    }
}

package dev.phasebot.ops;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server carrying only {@link OpsPages} ({@code /healthz}, {@code /readyz},
 * {@code /metrics}): for Socket Mode and the console, which have no request port. See
 * {@link AdminSettings} for when it opens.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final Server server;
    private final ServerConnector connector;

    public AdminServer(AdminSettings settings, OpsPages pages) {
        this.server = new Server();
        // As on the request port: no server name or version for anyone shopping for exploits.
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(new PagesHandler(pages));
        server.setErrorHandler(new ErrorHandler() {
            @Override
            protected void generateResponse(Request request, Response response, int code, String message,
                                            Throwable cause, Callback callback) {
                writePage(response, callback, new Page(code, Page.TEXT, code + " " + HttpStatus.getMessage(code)));
            }
        });
    }

    public void start() throws Exception {
        server.start();
        log.info("health and metrics listening on port {} at {}, {} and {}", port(), OpsPages.HEALTH,
                OpsPages.READY, OpsPages.METRICS);
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
            throw new IllegalStateException("the admin server did not stop cleanly", e);
        }
    }

    /** Writes a page; the request port writes its pages with this too. */
    public static boolean writePage(Response response, Callback callback, Page page) {
        response.setStatus(page.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
        if (page.status() == 405) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
        }
        response.write(true, ByteBuffer.wrap(page.body().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static final class PagesHandler extends Handler.Abstract {

        private final OpsPages pages;

        PagesHandler(OpsPages pages) {
            this.pages = pages;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                Optional<Page> page = pages.answer(request.getMethod(), Request.getPathInContext(request));
                return writePage(response, callback, page.orElse(new Page(404, Page.TEXT, "not found")));
            } catch (RuntimeException e) {
                log.error("{} failed", Request.getPathInContext(request), e);
                return writePage(response, callback, new Page(500, Page.TEXT, "internal error"));
            }
        }
    }
}

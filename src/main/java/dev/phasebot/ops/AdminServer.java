package dev.phasebot.ops;

import dev.phasebot.ops.OpsPages.Page;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
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

    private final QuietHttpServer server;

    public AdminServer(AdminSettings settings, OpsPages pages) {
        this.server = new QuietHttpServer(settings.host(), settings.port(), new PagesHandler(pages));
    }

    public void start() throws Exception {
        server.start();
        log.info(
                "health and metrics listening on port {} at {}, {} and {}",
                port(),
                OpsPages.HEALTH,
                OpsPages.READY,
                OpsPages.METRICS);
    }

    /** The port actually bound (tests ask for port 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
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

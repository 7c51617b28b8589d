package dev.phasebot.slack;

import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.auth.AuthTestResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replaces Bolt's single-team authorization, which calls {@code auth.test} on the request
 * path (the first request and every few minutes) and so turned a Slack hiccup into a 500 on
 * {@code /standup status}. Here the identity comes from the last successful check, made at
 * start-up and refreshed in the background; a request never waits on Slack for it.
 *
 * <p>Until the first check succeeds the request URL is already served, and answers that the
 * bot is starting rather than leaving Slack to time out.
 */
final class TokenAuthorization implements Middleware {

    static final String STARTING = "phasebot is starting and Slack has not confirmed its token yet. "
            + "Nothing was recorded; try again in a minute.";

    private final String botToken;
    private final AtomicReference<AuthTestResponse> identity = new AtomicReference<>();

    TokenAuthorization(String botToken) {
        this.botToken = botToken;
    }

    void confirm(AuthTestResponse confirmed) {
        identity.set(confirmed);
    }

    boolean isConfirmed() {
        return identity.get() != null;
    }

    @SuppressWarnings("rawtypes") // Bolt's Middleware.apply takes a raw Request; a Request<?> would not override it
    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType())
                || MiddlewareOps.isNoTokenRequiredRequest(req)) {
            return chain.next(req);
        }
        AuthTestResponse confirmed = identity.get();
        if (confirmed == null) {
            return starting(req.getRequestType());
        }
        Context context = req.getContext();
        context.setAuthTestResponse(confirmed);
        context.setBotToken(botToken);
        context.setBotUserId(confirmed.getUserId());
        context.setTeamId(confirmed.getTeamId());
        context.setEnterpriseId(confirmed.getEnterpriseId());
        return chain.next(req);
    }

    private static Response starting(RequestType type) {
        if (type == RequestType.Command) {
            // A slash command shows a 200 answer to its caller only, which is what we want.
            return Response.builder()
                    .statusCode(200)
                    .contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                    .body("{\"response_type\":\"ephemeral\",\"text\":\"" + STARTING + "\"}")
                    .build();
        }
        return Response.builder()
                .statusCode(503)
                .contentType("text/plain; charset=utf-8")
                .body(STARTING)
                .build();
    }
}

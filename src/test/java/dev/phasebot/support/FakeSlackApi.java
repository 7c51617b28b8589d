package dev.phasebot.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Slack's Web API (what SLACK_API_URL points at in tests): records every
 * call the bot makes and answers like Slack, or with scripted failures. Messages it accepted
 * with chat.postMessage can be read back with conversations.history (metadata included when
 * asked for with include_all_metadata); conversations.open answers with the id chat.postMessage
 * reports for that user. Files go by Slack's two-step upload: files.getUploadURLExternal answers
 * an upload URL on this stand-in, which records the bytes POSTed to it (as the call
 * {@code "upload"}, failures scripted under that name too), and files.completeUploadExternal
 * shares what was uploaded ({@link #uploads}). Channels: conversations.create makes one (a
 * {@code G...} id when private, {@code C...} otherwise) unless its name is taken
 * ({@code name_taken}), conversations.list lists them, conversations.archive archives one (a
 * post there is then {@code is_archived}); conversations.invite, conversations.setTopic and
 * pins.add are recorded as calls. Failures (missing_scope, a 429, a 500) are scripted with
 * {@link #fail}.
 */
public final class FakeSlackApi implements AutoCloseable {

    static {
        // The JDK server otherwise delays small responses by ~40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One Web API call: its method name, its parameters and the HTTP status we answered. */
    public record Call(String method, Map<String, String> params, int status) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A call and when it arrived, by the stand-in's clock. */
    public record Arrival(Call call, Instant at) {}

    private record Scripted(int status, Map<String, String> headers, String body) {}

    /** A message chat.postMessage accepted; {@code metadata} is the JSON it was posted with, or null. */
    /** {@code threadTs}: the message a reply is in, or null for a message of the channel itself. */
    public record Posted(String channel, String ts, String text, String metadata, String threadTs) {}

    /**
     * A file files.completeUploadExternal shared: what files.getUploadURLExternal was told
     * ({@code filename}, {@code length}), the bytes POSTed to its URL, and the completion's title,
     * channel_id and initial_comment.
     */
    public record Uploaded(
            String fileId,
            String filename,
            int length,
            byte[] bytes,
            String title,
            String channel,
            String initialComment) {

        public String content() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A channel conversations.create made (or {@link #existingChannel} put there). */
    public record Channel(String id, String name, boolean isPrivate, boolean archived) {}

    private final List<Channel> channels = new ArrayList<>();

    /** A channel the workspace has already, as if created before (by this bot, its answer lost). */
    public synchronized Channel existingChannel(String name, boolean isPrivate) {
        Channel channel = new Channel(
                (isPrivate ? "G0" : "C0") + String.format("%06d", channels.size() + 1), name, isPrivate, false);
        channels.add(channel);
        return channel;
    }

    /** The channels conversations.create made, oldest first. */
    public synchronized List<Channel> channels() {
        return List.copyOf(channels);
    }

    /** An upload URL handed out, and what reached it. */
    private record PendingUpload(String filename, int length, byte[] bytes) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, PendingUpload> pendingUploads = new HashMap<>();
    private final List<Uploaded> uploads = new ArrayList<>();
    private final AtomicInteger fileIds = new AtomicInteger();
    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Posted> posted = new ArrayList<>();
    private final Map<String, Deque<Scripted>> scripted = new HashMap<>();
    private final Map<String, String> answers = new HashMap<>();
    private final Map<String, Integer> perMinute = new HashMap<>();
    private final AtomicInteger ts = new AtomicInteger();
    private final Set<String> stalled = new java.util.HashSet<>();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    /** Null: stamp arrivals by the system clock and date every ts 1764000000 as before. */
    private final Clock clock;

    public FakeSlackApi() throws IOException {
        this(null);
    }

    /**
     * A stand-in that reads {@code clock} (a test's settable clock): each call's arrival is
     * stamped by it, and each posted message's ts is its epoch second, as Slack's would be.
     */
    public FakeSlackApi(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.createContext("/upload/", this::handleUpload);
        // A stalled call must not hold up the others (a restarted bot's, say).
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-slack-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /**
     * The next call of {@code method} is carried out (a post is in the history) but never
     * answered until {@link #close}: Slack got it, the bot never learnt so, as when the bot is
     * killed in the middle of the call.
     */
    public synchronized void stallNext(String method) {
        stalled.add(method);
    }

    /** The base URL for SLACK_API_URL, with its trailing slash. */
    /**
     * A Web API client pointed at this stand-in, set up as the bot sets up its own (no call
     * statistics, which would add a hidden auth.test); the caller closes it.
     */
    public com.slack.api.Slack slack() {
        com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
        config.setMethodsEndpointUrlPrefix(url());
        config.setStatsEnabled(false);
        return com.slack.api.Slack.getInstance(config);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Every successful call of {@code method} answers this body from now on. */
    public synchronized void answer(String method, String body) {
        answers.put(method, body);
    }

    /** The next call of {@code method} gets this answer instead of success. */
    public synchronized void fail(String method, int status, Map<String, String> headers, String body) {
        scripted.computeIfAbsent(method, k -> new ArrayDeque<>()).add(new Scripted(status, headers, body));
    }

    /**
     * From now on {@code method} takes at most {@code limit} calls in any minute by the stand-in's
     * clock, as Slack's tiers do: a call beyond that is answered 429 with the Retry-After after
     * which one would be taken again.
     */
    public synchronized void rateLimit(String method, int limit) {
        perMinute.put(method, limit);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Calls of {@code method} that we answered with ok. */
    public synchronized List<Call> succeeded(String method) {
        return calls(method).stream().filter(c -> c.status() == 200).toList();
    }

    /** Waits (for calls made from the bot's own threads) until {@code method} was called {@code count} times. */
    public synchronized List<Call> await(String method, int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (calls(method).size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " calls of " + method + ", saw "
                        + calls(method).size());
            }
            wait(left);
        }
        return calls(method);
    }

    /** The messages chat.postMessage accepted, oldest first, with the channel id and ts it answered. */
    public synchronized List<Posted> posted() {
        return List.copyOf(posted);
    }

    /** Calls of {@code method} with when each arrived. */
    public synchronized List<Arrival> arrivals(String method) {
        return arrivals.stream().filter(a -> a.call().method().equals(method)).toList();
    }

    /** The files files.completeUploadExternal shared, oldest first. */
    public synchronized List<Uploaded> uploads() {
        return List.copyOf(uploads);
    }

    public synchronized List<Call> all() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = parse(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        // Who called, as Slack sees it: two processes with their own tokens can be told apart.
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ") && !params.containsKey("token")) {
            params = new java.util.HashMap<>(params);
            params.put("token", authorization.substring("Bearer ".length()));
        }
        Scripted answer;
        boolean stall;
        synchronized (this) {
            stall = stalled.remove(method);
            Deque<Scripted> queue = scripted.get(method);
            answer = queue == null ? null : queue.poll();
            if (answer == null) {
                answer = overLimit(method);
            }
            if (answer == null) {
                answer = new Scripted(200, Map.of(), success(method, params));
            }
            Call call = new Call(method, params, answer.status());
            calls.add(call);
            arrivals.add(new Arrival(call, (clock == null ? Clock.systemUTC() : clock).instant()));
            notifyAll();
        }
        if (stall) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The bytes POSTed to an upload URL: kept for its file id unless a failure was scripted for "upload". */
    private void handleUpload(HttpExchange exchange) throws IOException {
        String fileId = exchange.getRequestURI().getPath().substring("/upload/".length());
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        Scripted answer;
        synchronized (this) {
            Deque<Scripted> queue = scripted.get("upload");
            answer = queue == null ? null : queue.poll();
            PendingUpload pending = pendingUploads.get(fileId);
            if (answer == null) {
                answer = pending == null
                        ? new Scripted(404, Map.of(), "no such upload")
                        : new Scripted(200, Map.of(), "OK - " + bytes.length);
            }
            if (answer.status() == 200) {
                pendingUploads.put(fileId, new PendingUpload(pending.filename(), pending.length(), bytes));
            }
            Call call = new Call(
                    "upload", Map.of("file_id", fileId, "bytes", Integer.toString(bytes.length)), answer.status());
            calls.add(call);
            arrivals.add(new Arrival(call, (clock == null ? Clock.systemUTC() : clock).instant()));
            notifyAll();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String uploadUrl(Map<String, String> params) {
        String fileId = "F0" + String.format("%06d", fileIds.incrementAndGet());
        pendingUploads.put(
                fileId, new PendingUpload(params.get("filename"), Integer.parseInt(params.get("length")), null));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + fileId;
        return "{\"ok\":true,\"upload_url\":\"" + url + "\",\"file_id\":\"" + fileId + "\"}";
    }

    /** Shares each listed file whose bytes arrived; a file whose bytes never came is Slack's file_not_found. */
    private String completeUpload(Map<String, String> params) {
        List<?> files = (List<?>) readJson(params.get("files"));
        List<Uploaded> shared = new ArrayList<>();
        for (Object each : files) {
            Map<?, ?> file = (Map<?, ?>) each;
            String id = String.valueOf(file.get("id"));
            PendingUpload pending = pendingUploads.get(id);
            if (pending == null || pending.bytes() == null) {
                return "{\"ok\":false,\"error\":\"file_not_found\"}";
            }
            shared.add(new Uploaded(
                    id,
                    pending.filename(),
                    pending.length(),
                    pending.bytes(),
                    file.get("title") == null ? null : String.valueOf(file.get("title")),
                    params.get("channel_id"),
                    params.get("initial_comment")));
        }
        shared.forEach(u -> pendingUploads.remove(u.fileId()));
        uploads.addAll(shared);
        List<Map<String, Object>> answered = shared.stream()
                .map(u -> Map.<String, Object>of("id", u.fileId(), "title", u.title() == null ? "" : u.title()))
                .toList();
        try {
            return JSON.writeValueAsString(Map.of("ok", true, "files", answered));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 429 when {@code method} had its minute's calls already, else null. */
    private Scripted overLimit(String method) {
        Integer limit = perMinute.get(method);
        if (limit == null) {
            return null;
        }
        Instant now = (clock == null ? Clock.systemUTC() : clock).instant();
        List<Instant> taken = arrivals.stream()
                .filter(a -> a.call().method().equals(method) && a.call().status() == 200)
                .map(Arrival::at)
                .filter(at -> at.isAfter(now.minusSeconds(60)))
                .toList();
        if (taken.size() < limit) {
            return null;
        }
        long wait = java.time.Duration.between(
                        now, taken.get(taken.size() - limit).plusSeconds(60))
                .toMillis();
        return new Scripted(
                429,
                Map.of("Retry-After", Long.toString(Math.max(1, (wait + 999) / 1000))),
                "{\"ok\":false,\"error\":\"ratelimited\"}");
    }

    private String success(String method, Map<String, String> params) {
        if (answers.containsKey(method)) {
            return answers.get(method);
        }
        return switch (method) {
            case "auth.test" ->
                "{\"ok\":true,\"url\":\"https://phase.slack.com/\",\"team\":\"Phase\",\"user\":\"phasebot\","
                        + "\"team_id\":\"T0TEAM\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
            case "chat.postMessage" -> postMessage(params);
            case "conversations.history" -> history(params);
            case "conversations.replies" -> replies(params);
            case "conversations.open" ->
                "{\"ok\":true,\"channel\":{\"id\":\"" + channelId(params.get("users")) + "\"}}";
            case "chat.update" ->
                "{\"ok\":true,\"channel\":\"" + params.get("channel") + "\",\"ts\":\"" + params.get("ts") + "\"}";
            case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V0VIEW\"}}";
            case "users.lookupByEmail" -> "{\"ok\":true,\"user\":{\"id\":\"U0BYMAIL\"}}";
            case "files.getUploadURLExternal" -> uploadUrl(params);
            case "files.completeUploadExternal" -> completeUpload(params);
            case "conversations.create" -> createChannel(params);
            case "conversations.list" -> listChannels();
            case "conversations.archive" -> archiveChannel(params);
            default -> "{\"ok\":true}";
        };
    }

    private String createChannel(Map<String, String> params) {
        String name = params.get("name");
        if (channels.stream().anyMatch(c -> c.name().equals(name))) {
            return "{\"ok\":false,\"error\":\"name_taken\"}";
        }
        Channel channel = existingChannel(name, Set.of("true", "1").contains(params.get("is_private")));
        return "{\"ok\":true,\"channel\":{\"id\":\"" + channel.id() + "\",\"name\":\"" + name + "\"}}";
    }

    private String listChannels() {
        List<Map<String, Object>> listed = channels.stream()
                .filter(c -> !c.archived())
                .map(c -> Map.<String, Object>of("id", c.id(), "name", c.name(), "is_private", c.isPrivate()))
                .toList();
        try {
            return JSON.writeValueAsString(
                    Map.of("ok", true, "channels", listed, "response_metadata", Map.of("next_cursor", "")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String archiveChannel(Map<String, String> params) {
        for (int i = 0; i < channels.size(); i++) {
            Channel c = channels.get(i);
            if (c.id().equals(params.get("channel"))) {
                if (c.archived()) {
                    return "{\"ok\":false,\"error\":\"already_archived\"}";
                }
                channels.set(i, new Channel(c.id(), c.name(), c.isPrivate(), true));
                return "{\"ok\":true}";
            }
        }
        return "{\"ok\":false,\"error\":\"channel_not_found\"}";
    }

    private String postMessage(Map<String, String> params) {
        String channel = channelId(params.get("channel"));
        if (channels.stream().anyMatch(c -> c.id().equals(channel) && c.archived())) {
            return "{\"ok\":false,\"error\":\"is_archived\"}";
        }
        String ts = nextTs();
        posted.add(new Posted(channel, ts, params.get("text"), params.get("metadata"), params.get("thread_ts")));
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\"}";
    }

    /**
     * The channel's own messages, as Slack's history lists them (replies in threads are not in
     * it), newest first between oldest and latest (inclusive), one page of {@code limit} with an
     * offset cursor.
     */
    private String history(Map<String, String> params) {
        String channel = params.get("channel");
        double oldest = params.get("oldest") == null ? 0 : Double.parseDouble(params.get("oldest"));
        double latest = params.get("latest") == null ? Double.MAX_VALUE : Double.parseDouble(params.get("latest"));
        List<Posted> matching = new ArrayList<>();
        for (Posted p : posted) {
            double ts = Double.parseDouble(p.ts());
            if (p.channel().equals(channel) && p.threadTs() == null && ts >= oldest && ts <= latest) {
                matching.add(0, p);
            }
        }
        return page(matching, params);
    }

    /** A thread: its first message, then its replies from oldest (inclusive) on, oldest first, paged as history is. */
    private String replies(Map<String, String> params) {
        String channel = params.get("channel");
        String thread = params.get("ts");
        double oldest = params.get("oldest") == null ? 0 : Double.parseDouble(params.get("oldest"));
        List<Posted> matching = new ArrayList<>();
        for (Posted p : posted) {
            if (p.channel().equals(channel)
                    && (p.ts().equals(thread) || thread.equals(p.threadTs()) && Double.parseDouble(p.ts()) >= oldest)) {
                matching.add(p);
            }
        }
        return page(matching, params);
    }

    private String page(List<Posted> matching, Map<String, String> params) {
        boolean withMetadata = Set.of("true", "1").contains(params.get("include_all_metadata"));
        int from = params.get("cursor") == null || params.get("cursor").isEmpty()
                ? 0
                : Integer.parseInt(params.get("cursor"));
        int limit = params.get("limit") == null ? 100 : Integer.parseInt(params.get("limit"));
        List<Posted> page = matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size()));
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Posted p : page) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "message");
            message.put("user", "U0BOT");
            message.put("bot_id", "B0BOT");
            message.put("text", p.text());
            message.put("ts", p.ts());
            if (p.threadTs() != null) {
                message.put("thread_ts", p.threadTs());
            }
            if (withMetadata && p.metadata() != null) {
                message.put("metadata", readJson(p.metadata()));
            }
            messages.add(message);
        }
        boolean more = from + limit < matching.size();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("messages", messages);
        answer.put("has_more", more);
        answer.put("response_metadata", Map.of("next_cursor", more ? Integer.toString(from + limit) : ""));
        try {
            return JSON.writeValueAsString(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object readJson(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable metadata " + json, e);
        }
    }

    private String nextTs() {
        long seconds = clock == null ? 1764000000L : clock.instant().getEpochSecond();
        return seconds + "." + String.format("%06d", ts.incrementAndGet());
    }

    private static String channelId(String channel) {
        if (channel == null) {
            return "C0NONE";
        }
        return channel.startsWith("#")
                ? "C0" + channel.substring(1).replaceAll("[^a-z0-9]", "").toUpperCase()
                : channel;
    }

    private static Map<String, String> parse(String contentType, String body) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType != null && contentType.startsWith("application/json")) {
            Map<?, ?> json = JSON.readValue(body, Map.class);
            for (Map.Entry<?, ?> e : json.entrySet()) {
                Object v = e.getValue();
                params.put(String.valueOf(e.getKey()), v instanceof String s ? s : JSON.writeValueAsString(v));
            }
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}

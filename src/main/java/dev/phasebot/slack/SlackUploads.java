package dev.phasebot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.files.FilesCompleteUploadExternalResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.message.Block;
import dev.phasebot.message.Doc;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Upload;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Posts a file with Slack's two-step upload: files.getUploadURLExternal (its name and length) ->
 * the bytes POSTed to the URL that returns -> files.completeUploadExternal, which shares it in
 * the channel with the comment. The three are one delivery: any failure starts again from the
 * first, with a new URL, since an upload URL is good for one upload.
 *
 * <p>Nothing of an upload can be found in Slack's history by the row it came from (a file share
 * carries no message metadata), so a crash or a lost answer during files.completeUploadExternal
 * may post the file twice: the stated cost of an upload.
 */
final class SlackUploads {

    /** The file's bytes may be large; the Web API's own calls have their own timeouts. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(2);
    /** Slack takes a comment of a few thousand characters; a report's comment is a line or two. */
    static final int COMMENT_LIMIT = 3_000;

    private static final PlainText PLAIN = PlainText.withUserIds();

    private final MethodsClient methods;
    private final HttpClient http;
    /** A Slack answer that is not ok, classified as the transport classifies every other. */
    private final Function<com.slack.api.methods.SlackApiTextResponse, DeliveryResult> failure;

    SlackUploads(MethodsClient methods, Function<com.slack.api.methods.SlackApiTextResponse, DeliveryResult> failure) {
        this.methods = methods;
        this.failure = failure;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Shares {@code file} in {@code channelId} (a conversation id: files.completeUploadExternal
     * takes no names) with {@code comment}. Says where: the channel, and the file's id in place of a ts.
     */
    DeliveryResult upload(String channelId, Upload file, Doc comment)
            throws IOException, SlackApiException, InterruptedException {
        byte[] bytes = file.bytes();
        FilesGetUploadURLExternalResponse url = methods.filesGetUploadURLExternal(
                req -> req.filename(file.filename()).length(bytes.length));
        if (!url.isOk()) {
            return failure.apply(url);
        }
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                        .timeout(UPLOAD_TIMEOUT)
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        int status = posted.statusCode();
        if (status == 429) {
            return new DeliveryResult.RateLimited(SlackTransport.seconds(
                    posted.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            return new DeliveryResult.RetryLater(null, "the upload URL answered HTTP " + status);
        }
        if (status / 100 != 2) {
            return new DeliveryResult.Rejected("the upload URL answered HTTP " + status);
        }
        String said = mrkdwn(comment);
        FilesCompleteUploadExternalResponse done =
                methods.filesCompleteUploadExternal(req -> req.files(List.of(FileDetails.builder()
                                .id(url.getFileId())
                                .title(file.title())
                                .build()))
                        .channelId(channelId)
                        .initialComment(said.isBlank() ? null : said));
        if (!done.isOk()) {
            return failure.apply(done);
        }
        return new DeliveryResult.Sent(new SentRef(channelId, url.getFileId()));
    }

    /** A DM's conversation id, which files.completeUploadExternal needs where chat.postMessage takes the user. */
    String directMessageChannel(String user) throws IOException, SlackApiException, NotOpened {
        ConversationsOpenResponse opened = methods.conversationsOpen(req -> req.users(List.of(user)));
        if (!opened.isOk() || opened.getChannel() == null) {
            throw new NotOpened(failure.apply(opened));
        }
        return opened.getChannel().getId();
    }

    /** conversations.open said no: {@code result} is what that makes of the delivery. */
    static final class NotOpened extends Exception {

        private final transient DeliveryResult result;

        NotOpened(DeliveryResult result) {
            super(result.toString(), null, false, false);
            this.result = result;
        }

        DeliveryResult result() {
            return result;
        }
    }

    /**
     * The comment as one mrkdwn text: Slack shows an upload's initial comment as a message, but
     * takes no blocks along with it. Headings and list titles in bold, items as bullets, buttons left out.
     */
    static String mrkdwn(Doc doc) {
        List<String> lines = new ArrayList<>();
        for (Block block : doc.blocks()) {
            if (block instanceof Block.Heading h) {
                lines.add("*" + SafeText.escape(PLAIN.render(h.line()).strip()) + "*");
            } else if (block instanceof Block.Paragraph p) {
                p.lines().forEach(line -> lines.add(SlackBlocks.mrkdwn(line)));
            } else if (block instanceof Block.Bullets b) {
                if (!b.title().isEmpty()) {
                    lines.add("*" + SlackBlocks.mrkdwn(b.title()) + "*");
                }
                b.items().forEach(item -> lines.add("• " + SlackBlocks.mrkdwn(item)));
            } else if (block instanceof Block.Fields f) {
                f.fields()
                        .forEach(field -> lines.add(
                                "*" + SafeText.escape(field.label()) + "*: " + SlackBlocks.mrkdwn(field.value())));
            } else if (block instanceof Block.Context c) {
                lines.add(SlackBlocks.mrkdwn(c.line()));
            }
        }
        String text = String.join("\n", lines);
        return text.length() <= COMMENT_LIMIT ? text : text.substring(0, COMMENT_LIMIT - 1) + "…";
    }
}

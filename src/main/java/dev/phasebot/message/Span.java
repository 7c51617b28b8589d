package dev.phasebot.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A run of text with one meaning. The core says what a piece of text is (a command the reader
 * may type, a name to stand out, someone on Slack); each surface decides how that looks:
 * Slack as mrkdwn with the text escaped, the console as plain words.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Span.Words.class, name = "words"),
    @JsonSubTypes.Type(value = Span.Strong.class, name = "strong"),
    @JsonSubTypes.Type(value = Span.Aside.class, name = "aside"),
    @JsonSubTypes.Type(value = Span.Code.class, name = "code"),
    @JsonSubTypes.Type(value = Span.SlackUser.class, name = "slack_user"),
    @JsonSubTypes.Type(value = Span.SlackChannel.class, name = "slack_channel"),
    @JsonSubTypes.Type(value = Span.Mark.class, name = "mark")
})
public sealed interface Span {

    /** Words as they are, the bot's own or a person's; surfaces escape what they must. */
    record Words(String text) implements Span {
        public Words {
            text = text == null ? "" : text;
        }
    }

    /** Words that should stand out, such as an agent or a heading inside a line. */
    record Strong(String text) implements Span {
        public Strong {
            text = text == null ? "" : text;
        }
    }

    /** A remark in passing: "(late)", "sent 18 s late". */
    record Aside(String text) implements Span {
        public Aside {
            text = text == null ? "" : text;
        }
    }

    /** Something the reader may type or copy: a command, an id. */
    record Code(String text) implements Span {
        public Code {
            text = text == null ? "" : text;
        }
    }

    /** A Slack user by id: Slack shows a mention; other surfaces the agent linked to it, or the id. */
    record SlackUser(String userId) implements Span {}

    /**
     * A Slack channel by id: Slack shows a link named as the channel is (to those who may see it);
     * other surfaces the id with a {@code #}. Names a channel without writing its name.
     */
    record SlackChannel(String channelId) implements Span {}

    /** A symbol that marks a state (done, missed, alert); some surfaces show it, others leave it out. */
    record Mark(Symbol symbol) implements Span {}

    static Span words(String text) {
        return new Words(text);
    }

    static Span strong(String text) {
        return new Strong(text);
    }

    static Span aside(String text) {
        return new Aside(text);
    }

    static Span code(String text) {
        return new Code(text);
    }

    static Span mark(Symbol symbol) {
        return new Mark(symbol);
    }

    static Span slackChannel(String channelId) {
        return new SlackChannel(channelId);
    }

    static Span slackUser(String userId) {
        return new SlackUser(userId);
    }
}

package dev.phasebot.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * What a pager outside Slack is told about an incident: that it needs someone ({@code PAGE}, at
 * the raise and at each missed milestone), that someone took it, or that it is over. A security
 * incident's page carries no title: its {@code summary} says only "CRITICAL security incident
 * #3, technical assessment due 10:06 EST", and {@code where} says where to read the rest.
 *
 * @param milestone the milestone the page is about (null for an acknowledgement or a resolve)
 * @param due that milestone's deadline
 * @param person the agent on call for it when the page was made, or who acknowledged or resolved
 * @param email that agent's email from the plan, for pagers that address people by email
 * @param at when it happened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page(
        Event event,
        long incident,
        String severity,
        boolean security,
        String title,
        String milestone,
        Instant due,
        String person,
        String email,
        String summary,
        String where,
        Instant at) {

    /** A page's lifecycle, named as the signed webhook's {@code event} says it. */
    public enum Event {
        PAGE("page"),
        ACKNOWLEDGE("acknowledge"),
        RESOLVE("resolve");

        private final String word;

        Event(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }
    }

    /** One incident is one alert in a pager: every event of incident #3 carries this key. */
    public String dedupKey() {
        return "phasebot-incident-" + incident;
    }

    /** The page as text, for logs and a console. */
    public Doc doc() {
        return Doc.builder()
                .line(Line.of(summary))
                .line(Line.of("Where to look: " + where))
                .build();
    }
}

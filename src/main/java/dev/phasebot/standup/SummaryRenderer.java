package dev.phasebot.standup;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import dev.phasebot.text.PlanRefs;
import dev.phasebot.message.Times;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The closing summary, in the plan's format: security team first, then blockers (who is
 * blocked on whom), commitments and coordination needs, each in the plan's priority order;
 * then who did not post and who is out. Late updates are marked and listed at the end. A
 * withheld update ({@link SecurityUpdates}) keeps its place in each section, saying where it
 * was given and which tasks its blockers name instead of its text.
 */
final class SummaryRenderer {

    private final BotConfig config;
    private final ZoneId zone;
    private final SecurityUpdates security;

    SummaryRenderer(BotConfig config, SecurityUpdates security) {
        this.config = config;
        this.zone = config.phase().zone();
        this.security = security;
    }

    String render(StandupDay day, List<PostedUpdate> posted, List<OutOfOffice> out, Duration closedLate,
                  List<String> openIncidents, Function<String, Optional<String>> taskLookup) {
        List<PostedUpdate> updates = posted.stream()
                .sorted(Comparator.comparingInt(p -> config.rank(p.agent()))).toList();
        Set<String> outAgents = out.stream().map(OutOfOffice::agent).collect(Collectors.toSet());
        Set<String> postedAgents = updates.stream().map(PostedUpdate::agent).collect(Collectors.toSet());
        StringBuilder text = new StringBuilder();
        text.append("*Daily standup summary: ").append(Times.longDay(day.day())).append("*");
        if (day.openedAt() != null && day.closedAt() != null) {
            // The zone once, at the end of the range: both ends are minutes apart, in one zone.
            text.append(" (").append(Times.clock(day.openedAt(), zone)).append("–")
                    .append(Times.clockWithZone(day.closedAt(), zone)).append(')');
        }
        text.append('\n');
        if (Times.isNoticeablyLate(closedLate)) {
            text.append("_Closed ").append(Times.lateness(closedLate))
                    .append(" late: phasebot was offline at the closing time._\n");
        }

        if (!openIncidents.isEmpty()) {
            text.append(":rotating_light: *Open CRITICAL incidents:* ").append(String.join(", ", openIncidents))
                    .append('\n');
        }

        text.append("\n*1. Security team update*\n");
        List<PostedUpdate> securityTeam = updates.stream().filter(p -> config.isSecurityTeam(p.agent())).toList();
        List<PostedUpdate> securityNotes = updates.stream()
                .filter(p -> !config.isSecurityTeam(p.agent()) && !UpdateParser.saysNothing(p.update().security()))
                .toList();
        if (securityTeam.stream().allMatch(p -> p.update().security().isEmpty())) {
            text.append(":warning: No update from the security team.\n");
        }
        for (PostedUpdate p : securityTeam) {
            if (security.isWithheld(p.agent())) {
                // Its place, first: that it was given and the tasks its blockers name, never what it says.
                text.append("• *").append(p.agent()).append("*: ").append(security.given(p.update())).append(late(p))
                        .append('\n');
            } else {
                bullets(text, List.of(p), q -> q.update().security());
            }
        }
        bullets(text, securityNotes, p -> p.update().security());

        text.append("\n*2. Blockers and dependencies*\n");
        List<PostedUpdate> blocked = updates.stream()
                .filter(p -> !UpdateParser.saysNothing(p.update().blockers())).toList();
        if (blocked.isEmpty()) {
            text.append("No blockers reported.\n");
        }
        for (PostedUpdate p : blocked) {
            if (security.isWithheld(p.agent())) {
                // Not whom it is blocked on either: those names come from the text.
                text.append("• *").append(p.agent()).append("* is blocked (details in ").append(security.channelName())
                        .append(')').append(late(p));
                List<String> tasks = security.tasksNamed(p.update().blockers()).stream().map(taskLookup)
                        .flatMap(Optional::stream).toList();
                if (!tasks.isEmpty()) {
                    text.append(" → ").append(String.join("; ", tasks));
                }
                text.append('\n');
                continue;
            }
            List<String> on = mentionedAgents(p.update().blockers(), p.agent());
            text.append("• *").append(p.agent()).append("* is blocked");
            if (!on.isEmpty()) {
                text.append(" on ").append(on.stream().map(a -> "*" + a + "*").collect(Collectors.joining(", ")));
            }
            text.append(": ").append(body(p.update().blockers())).append(late(p));
            List<String> tasks = mentionedTasks(p.update().blockers(), taskLookup);
            if (!tasks.isEmpty()) {
                text.append(" → ").append(String.join("; ", tasks));
            }
            text.append('\n');
        }

        text.append("\n*3. Deliverable commitments for today*\n");
        if (updates.stream().allMatch(p -> p.update().commitments().isEmpty())) {
            text.append("No commitments posted.\n");
        }
        bullets(text, updates, p -> p.update().commitments());

        text.append("\n*4. Cross-team coordination needs*\n");
        if (updates.stream().allMatch(p -> p.update().coordination().isEmpty())) {
            text.append("None.\n");
        }
        bullets(text, updates, p -> p.update().coordination());

        List<String> missing = config.agents().stream().map(Agent::id)
                .filter(a -> !postedAgents.contains(a) && !outAgents.contains(a)).toList();
        text.append('\n');
        text.append("*Did not post:* ").append(missing.isEmpty() ? "nobody" : String.join(", ", missing)).append('\n');
        if (!out.isEmpty()) {
            text.append("*Out of office:* ").append(out.stream()
                    .map(o -> o.agent() + " (until " + Times.shortDay(o.lastDay(), day.day())
                            + (o.reason() == null || o.reason().isBlank() ? "" : ": " + SafeText.escape(o.reason()))
                            + ")")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        for (PostedUpdate p : posted.stream().filter(PostedUpdate::late)
                .sorted(Comparator.comparing(PostedUpdate::postedAt)).toList()) {
            text.append("_Late update from ").append(p.agent()).append(" at ")
                    .append(Times.clockWithZone(p.postedAt(), zone)).append("._\n");
        }
        return text.toString().stripTrailing();
    }

    private void bullets(StringBuilder text, List<PostedUpdate> updates, Function<PostedUpdate, String> section) {
        for (PostedUpdate p : updates) {
            String value = section.apply(p);
            if (!value.isEmpty()) {
                String shown = security.isWithheld(p.agent()) ? "given in " + security.channelName() : body(value);
                text.append("• *").append(p.agent()).append("*: ").append(shown).append(late(p)).append('\n');
            }
        }
    }

    private static String late(PostedUpdate p) {
        return p.late() ? " _(late)_" : "";
    }

    /** User text, escaped, with its line breaks kept inside the bullet. */
    private static String body(String userText) {
        return body(userText, "    ");
    }

    /** User text, escaped, each further line indented by {@code indent}. */
    static String body(String userText, String indent) {
        return SafeText.escape(userText).replace("\n", "\n" + indent);
    }

    static List<String> mentionedTasks(String text, Function<String, Optional<String>> taskLookup) {
        return PlanRefs.tasksInText(text).stream().map(taskLookup).flatMap(Optional::stream).toList();
    }

    private List<String> mentionedAgents(String text, String self) {
        return config.agents().stream().map(Agent::id).filter(id -> !id.equals(self))
                .filter(id -> Pattern.compile("(?<![\\w-])@?" + Pattern.quote(id) + "(?![\\w-])").matcher(text).find())
                .toList();
    }

}

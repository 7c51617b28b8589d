package dev.phasebot.standup;

import dev.phasebot.config.BotConfig;
import dev.phasebot.message.SafeText;
import dev.phasebot.message.Times;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The security team's updates in full, for the security channel, when
 * {@code standup.security_update} is private: every section as given, blockers linked to the
 * tasks they name, as the public summary would have shown them.
 */
final class SecurityUpdateRenderer {

    private final BotConfig config;
    private final ZoneId zone;

    SecurityUpdateRenderer(BotConfig config) {
        this.config = config;
        this.zone = config.phase().zone();
    }

    String render(LocalDate day, List<PostedUpdate> securityTeam, Function<String, Optional<String>> taskLookup) {
        StringBuilder text = new StringBuilder();
        text.append("*Security team update, standup of ").append(Times.longDay(day)).append("*\n");
        text.append("_Given in full here only: the summary in ")
                .append(SafeText.escape(config.channel(config.standup().channel()).name()))
                .append(" says it was given and which tasks its blockers name._\n");
        if (securityTeam.isEmpty()) {
            text.append(":warning: No update from the security team.\n");
        }
        for (PostedUpdate p : securityTeam) {
            // Laid out as the summary would have shown it: the security section on the agent's
            // bullet, as in the summary's first section, and the other sections under it.
            text.append("• *").append(p.agent()).append('*');
            if (!p.update().security().isEmpty()) {
                text.append(": ").append(SummaryRenderer.body(p.update().security(), "    "));
            }
            if (p.late()) {
                text.append(" _(late, ").append(Times.clockWithZone(p.postedAt(), zone)).append(")_");
            }
            text.append('\n');
            for (Section section : List.of(Section.BLOCKERS, Section.TODAY, Section.COORDINATION)) {
                String value = section.of(p.update());
                if (value.isEmpty()) {
                    continue;
                }
                text.append("    ").append(section.label()).append(": ").append(SummaryRenderer.body(value, "        "));
                if (section == Section.BLOCKERS) {
                    List<String> tasks = SummaryRenderer.mentionedTasks(value, taskLookup);
                    if (!tasks.isEmpty()) {
                        text.append(" → ").append(String.join("; ", tasks));
                    }
                }
                text.append('\n');
            }
        }
        return text.toString().stripTrailing();
    }
}

package dev.phasebot.oncall;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Param;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.message.Refusal;
import dev.phasebot.message.Span;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /oncall}: who takes each role's pages now, and who is next; overrides and their list and cancel. */
public final class OnCallCommands {

    static final String OVERRIDE_USAGE = "/oncall override <role> <agent> for <duration>";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    private final OnCall onCall;
    private final Overrides overrides;
    private final OnCallDocs docs;
    private final Clock clock;

    public OnCallCommands(OnCall onCall, Overrides overrides, OnCallDocs docs, Clock clock) {
        this.onCall = onCall;
        this.overrides = overrides;
        this.docs = docs;
        this.clock = clock;
    }

    public SlashCommand table() {
        String[] roles = onCall.roles().toArray(String[]::new);
        return SlashCommand.named("/oncall")
                .summary("who is on call.")
                .whenEmpty(Subcommand.of()
                        .who(Access.linked())
                        .does("each role a milestone pages (lead, contact, the area owners of a team with a rotation):"
                                + " who is on call now (or covering, by an override), until when, who is next")
                        .run(inv -> CommandReply.of(docs.doc(onCall.now(), onCall::label, clock.instant()))))
                .sub(Subcommand.of("override")
                        .params(
                                Param.choice("role", roles),
                                Param.agent("agent"),
                                Param.literal("for"),
                                Param.word("duration"))
                        .who(Access.rule(
                                "lead, or who is on call for the role",
                                (agent, args) -> overrides.refusalToOverride(agent, args.text("role"))))
                        .does("the agent takes the role's pages from now for 2h, 90m, 1d (at most 14d)")
                        .example("/oncall override contact software-architect for 2h")
                        .run(inv -> CommandReply.of(docs.started(
                                overrides.start(
                                        inv.agent(),
                                        inv.args().text("role"),
                                        inv.args().agent("agent"),
                                        duration(inv.args().text("duration"))),
                                clock.instant()))))
                .sub(Subcommand.of("override", "list")
                        .who(Access.linked())
                        .does("the overrides running or to come: id, role, who, until when")
                        .run(inv -> CommandReply.of(docs.list(overrides.current(), clock.instant()))))
                .sub(Subcommand.of("overrides")
                        .who(Access.linked())
                        .does("the same as override list")
                        .run(inv -> CommandReply.of(docs.list(overrides.current(), clock.instant()))))
                .sub(Subcommand.of("override", "cancel")
                        .params(Param.integer("id"))
                        .who(Access.rule(
                                "lead, who asked for it, who covers",
                                (agent, args) -> overrides.refusalToCancel(agent, args.integer("id"))))
                        .does("ends the override now; the role's pages go back to the rotation")
                        .example("/oncall override cancel 1")
                        .run(inv -> CommandReply.of(docs.cancelled(
                                overrides.cancel(inv.agent(), inv.args().integer("id")), inv.agent()))))
                .build();
    }

    /** {@code 2h}, {@code 90m}, {@code 1d}: one number and one unit. */
    static Duration duration(String word) {
        Matcher m = DURATION.matcher(word.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw badDuration(Span.code(word), " is not a duration; write it like 2h, 90m or 1d.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** What is wrong with the duration ({@code says}, a line's parts), and the override's usage. */
    static Refusal badDuration(Object... says) {
        java.util.List<Object> parts = new java.util.ArrayList<>(java.util.List.of(says));
        parts.addAll(java.util.List.of(
                " Nothing was changed.\nUsage: ",
                Span.code(OVERRIDE_USAGE),
                ", e.g. ",
                Span.code("/oncall override contact software-architect for 2h")));
        return Refusal.of("duration", parts.toArray());
    }
}

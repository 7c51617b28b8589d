package dev.phasebot.api;

import dev.phasebot.command.Access;
import dev.phasebot.command.CommandReply;
import dev.phasebot.command.Param;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.command.Subcommand;
import dev.phasebot.config.BotConfig;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Span;
import dev.phasebot.message.Times;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api}: the lead's tokens for agents that are programs. Every answer here is ephemeral
 * (as all command answers are), which is why the token may be shown in one.
 */
public final class ApiCommands {

    static final String NAME = "/api";

    private final BotConfig config;
    private final ApiTokens tokens;
    private final Clock clock;

    public ApiCommands(BotConfig config, ApiTokens tokens, Clock clock) {
        this.config = config;
        this.tokens = tokens;
        this.clock = clock;
    }

    public SlashCommand table() {
        String lead = config.lead().id();
        return SlashCommand.named(NAME)
                .summary(
                        "tokens for agents that are programs: they call the bot's HTTP API (/api/v1) or its MCP server "
                                + "as that agent, with the same permissions as the agent's slash commands.")
                .sub(Subcommand.of("token")
                        .params(Param.agent("agent"))
                        .who(Access.lead(lead, "issue API tokens"))
                        .does("issues the agent's token and shows it once; an earlier one stops working")
                        .example("/api token qa-engineer")
                        .run(inv -> issued(
                                inv.args().agent("agent"),
                                tokens.issue(inv.agent(), inv.args().agent("agent")))))
                .sub(Subcommand.of("revoke")
                        .params(Param.agent("agent"))
                        .who(Access.lead(lead, "revoke API tokens"))
                        .does("the agent's token stops working at once")
                        .example("/api revoke qa-engineer")
                        .run(inv -> CommandReply.of(
                                tokens.revoke(inv.agent(), inv.args().agent("agent"))
                                        ? Doc.of(inv.args().agent("agent") + "'s API token is revoked.")
                                        : Doc.of(inv.args().agent("agent")
                                                + " has no API token in use. Nothing was changed."))))
                .sub(Subcommand.of("list")
                        .who(Access.lead(lead, "see who has API tokens"))
                        .does("which agents have a token, issued when and by whom, and which are revoked")
                        .run(inv -> CommandReply.of(list(tokens.list()))))
                .build();
    }

    private static CommandReply issued(String agent, String token) {
        return CommandReply.of(Doc.of(
                "API token for " + agent + " (shown this once; only its hash is kept): ",
                Span.code(token),
                ". Give it to the agent as PHASEBOT_TOKEN, or send it as ",
                Span.code("Authorization: Bearer <token>"),
                ". ",
                Span.code(NAME + " revoke " + agent),
                " stops it."));
    }

    private Doc list(List<ApiTokens.TokenInfo> all) {
        if (all.isEmpty()) {
            return Doc.of("No agent has an API token. ", Span.code(NAME + " token <agent>"), " issues one.");
        }
        Doc.Builder doc = Doc.builder().line("API tokens:");
        for (ApiTokens.TokenInfo info : all) {
            String line = info.agent() + ": issued "
                    + Times.dayAndClock(info.issuedAt(), config.phase().zone(), clock.instant()) + " by "
                    + info.issuedBy();
            if (!info.active()) {
                line += ", revoked "
                        + Times.dayAndClock(info.revokedAt(), config.phase().zone(), clock.instant()) + " by "
                        + info.revokedBy();
            }
            doc.line(line);
        }
        return doc.build();
    }
}

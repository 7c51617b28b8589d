package dev.phasebot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import dev.phasebot.command.AgentDirectory;
import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandDispatcher;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.BotConfig;
import dev.phasebot.incident.IncidentCommands;
import dev.phasebot.incident.IncidentForm;
import dev.phasebot.message.Doc;
import dev.phasebot.message.Span;
import dev.phasebot.standup.StandupCommands;
import dev.phasebot.standup.StandupDocs;
import dev.phasebot.standup.StandupForm;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt handlers: thin. Each reads the payload, asks the dispatcher, and acks within
 * Slack's three seconds with an ephemeral answer (or opens a modal with the trigger id).
 * A {@link CommandException} is the caller's mistake and is shown as it is; anything else is
 * ours, logged, and answered without a stack trace.
 */
final class SlackCommandHandlers {

    private static final Logger log = LoggerFactory.getLogger(SlackCommandHandlers.class);
    private static final String INCIDENT = "/incident";
    private static final String STANDUP = "/standup";
    static final String OUR_FAULT = "Something went wrong on phasebot's side and nothing was changed. "
            + "Please try again; if it keeps failing, tell the lead.";

    private final CommandDispatcher dispatcher;
    private final StandupCommands standupForm;
    private final IncidentCommands incidentForm;
    private final AgentDirectory agents;
    private final BotConfig config;
    private final EphemeralAnswers answers;

    SlackCommandHandlers(
            CommandDispatcher dispatcher,
            StandupCommands standupForm,
            IncidentCommands incidentForm,
            AgentDirectory agents,
            BotConfig config,
            java.util.concurrent.Executor answering) {
        this.dispatcher = dispatcher;
        this.standupForm = standupForm;
        this.incidentForm = incidentForm;
        this.agents = agents;
        this.config = config;
        this.answers = new EphemeralAnswers(answering);
    }

    void register(App app) {
        for (String command : dispatcher.names()) {
            app.command(command, (req, ctx) -> {
                Caller caller =
                        caller(req.getPayload().getUserId(), req.getPayload().getChannelId());
                try {
                    CommandReply reply = dispatcher.handle(
                            caller,
                            req.getPayload().getCommand(),
                            typed(req.getPayload().getText()));
                    if (reply instanceof StandupForm form) {
                        return openModal(
                                ctx,
                                req.getPayload().getTriggerId(),
                                SlackViews.standupModal(form.securityRequired(), form.current()));
                    }
                    if (reply instanceof IncidentForm form) {
                        return openModal(
                                ctx,
                                req.getPayload().getTriggerId(),
                                SlackViews.incidentModal(form.security(), form.severity()));
                    }
                    return ephemeral(ctx, doc(reply));
                } catch (CommandException e) {
                    return ephemeral(ctx, e.answer());
                } catch (RuntimeException e) {
                    log.error("{} failed for {}", command, req.getPayload().getUserId(), e);
                    return ephemeral(ctx, Doc.of(OUR_FAULT));
                }
            });
        }

        app.blockAction(Pattern.compile("incident_(ack|assess|plan|implemented|escalate|resolve)"), (req, ctx) -> {
            var action = req.getPayload().getActions().get(0);
            String act = action.getActionId().substring("incident_".length());
            Caller caller = caller(req.getPayload().getUser().getId());
            Doc answer = null;
            try {
                long id = Long.parseLong(action.getValue());
                // Refused at the press, before any form opens: a modal nobody may submit only wastes the typing.
                Optional<Doc> refusal = incidentForm.buttonRefusal(caller, act, id);
                if (refusal.isPresent()) {
                    answer = refusal.get();
                } else if (act.equals("ack")) {
                    answer = doc(dispatcher.handle(caller, INCIDENT, "ack " + id));
                } else {
                    ctx.client()
                            .viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                                    .view(SlackViews.incidentActModal(act, id)));
                }
            } catch (CommandException e) {
                answer = e.answer();
            } catch (Exception e) {
                log.error("incident button {} failed", act, e);
                answer = Doc.of(OUR_FAULT);
            }
            if (answer != null) {
                answers.respondLater(ctx, answer);
            }
            return ctx.ack();
        });

        app.messageShortcut(dev.phasebot.incident.IncidentTimeline.SHORTCUT, (req, ctx) -> {
            var payload = req.getPayload();
            Doc answer;
            try {
                answer = incidentForm.addMessage(
                        caller(payload.getUser().getId()),
                        payload.getChannel() == null
                                ? null
                                : payload.getChannel().getId(),
                        payload.getMessage() == null
                                ? null
                                : payload.getMessage().getText(),
                        payload.getMessage() == null
                                ? payload.getMessageTs()
                                : payload.getMessage().getTs());
            } catch (CommandException e) {
                answer = e.answer();
            } catch (RuntimeException e) {
                log.error("the Add to incident timeline shortcut failed", e);
                answer = Doc.of(OUR_FAULT);
            }
            answers.respondLater(ctx, answer);
            return ctx.ack();
        });

        app.event(com.slack.api.model.event.PinAddedEvent.class, (req, ctx) -> {
            try {
                pinned(
                        req.getEvent(),
                        ctx.getBotUserId(),
                        ctx.getAuthTestResponse() == null
                                ? null
                                : ctx.getAuthTestResponse().getBotId());
            } catch (RuntimeException e) {
                // Slack would only send it again: the ack says we had it.
                log.error("a pin_added event failed; nothing was put on a timeline", e);
            }
            return ctx.ack();
        });

        app.viewSubmission(SlackViews.INCIDENT_MODAL, (req, ctx) -> {
            Caller caller = caller(req.getPayload().getUser().getId());
            try {
                Doc answer = incidentForm.submitForm(
                        caller, SlackViews.readIncident(req.getPayload().getView()));
                View done = SlackViews.confirmation(answer, "Incident");
                return ctx.ack(r -> r.responseAction("update").view(done));
            } catch (CommandException e) {
                String block =
                        formField(e, java.util.Set.of("title", "severity", "area", "affects", "description"), "title");
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(block, plain(e))));
            } catch (RuntimeException e) {
                log.error("incident form failed", e);
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of("title", OUR_FAULT)));
            }
        });

        app.viewSubmission(SlackViews.INCIDENT_ACT_MODAL, (req, ctx) -> {
            Caller caller = caller(req.getPayload().getUser().getId());
            String[] meta = req.getPayload().getView().getPrivateMetadata().split(":");
            try {
                // The form's text goes through the same grammar as the typed command, checks included.
                Doc answer = doc(dispatcher.handle(
                        caller,
                        INCIDENT,
                        meta[0] + " " + Long.parseLong(meta[1]) + " "
                                + SlackViews.actText(req.getPayload().getView())));
                View done = SlackViews.confirmation(answer, "Incident #" + meta[1]);
                return ctx.ack(r -> r.responseAction("update").view(done));
            } catch (CommandException e) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of("text", plain(e))));
            } catch (RuntimeException e) {
                log.error("incident act form failed", e);
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of("text", OUR_FAULT)));
            }
        });

        app.blockAction(StandupDocs.POST_UPDATE_ACTION, (req, ctx) -> {
            Caller caller = caller(req.getPayload().getUser().getId());
            try {
                CommandReply reply = dispatcher.handle(caller, STANDUP, "");
                if (reply instanceof StandupForm form) {
                    ViewsOpenResponse opened = ctx.client()
                            .viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                                    .view(SlackViews.standupModal(form.securityRequired(), form.current())));
                    if (!opened.isOk()) {
                        log.warn("views.open failed: {}", opened.getError());
                    }
                }
            } catch (CommandException e) {
                answers.respondLater(ctx, e.answer());
            } catch (Exception e) {
                log.error("the Post update button failed", e);
                answers.respondLater(ctx, Doc.of(OUR_FAULT));
            }
            return ctx.ack();
        });

        app.viewSubmission(SlackViews.STANDUP_MODAL, (req, ctx) -> {
            Caller caller = caller(req.getPayload().getUser().getId());
            try {
                Doc answer = standupForm.submitForm(
                        caller,
                        SlackViews.readStandup(req.getPayload().getView().getState()));
                View done = SlackViews.confirmation(answer, "Standup update");
                return ctx.ack(r -> r.responseAction("update").view(done));
            } catch (CommandException e) {
                // The core names the section it refuses; its names are the modal's block ids.
                String block = formField(
                        e,
                        java.util.Set.of(
                                SlackViews.SECURITY,
                                SlackViews.BLOCKERS,
                                SlackViews.COMMITMENTS,
                                SlackViews.COORDINATION),
                        SlackViews.COMMITMENTS);
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(block, plain(e))));
            } catch (RuntimeException e) {
                log.error(
                        "standup form failed for {}", req.getPayload().getUser().getId(), e);
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(SlackViews.COMMITMENTS, OUR_FAULT)));
            }
        });
    }

    /**
     * A message pinned in an incident's room goes on its timeline, by the agent who pinned it. Not
     * a message (a file), or one of phasebot's own (its card, which it pins itself, or any other
     * of its posts: what the bot did is on the timeline already): nothing. The write is one small
     * transaction, so it is done before the ack.
     */
    private void pinned(com.slack.api.model.event.PinAddedEvent event, String botUserId, String botId) {
        var item = event.getItem();
        if (item == null
                || !"message".equals(item.getType())
                || item.getMessage() == null
                || item.getMessage().getTs() == null
                || event.getUser() == null) {
            return;
        }
        if (event.getUser().equals(botUserId)
                || (botId != null && botId.equals(item.getMessage().getBotId()))) {
            return;
        }
        incidentForm.addPinned(
                caller(event.getUser()),
                item.getChannel() != null ? item.getChannel() : event.getChannelId(),
                item.getMessage().getText(),
                item.getMessage().getTs());
    }

    private static String text(CommandReply reply) {
        if (reply instanceof CommandReply.Text text) {
            return text.text();
        }
        throw new IllegalStateException("a button got a " + reply.getClass().getSimpleName() + " instead of text");
    }

    private static Doc doc(CommandReply reply) {
        if (reply instanceof CommandReply.Text text) {
            return text.doc();
        }
        throw new IllegalStateException(
                "expected a text answer, got a " + reply.getClass().getSimpleName());
    }

    private Caller caller(String slackUser) {
        return caller(slackUser, null);
    }

    /** The caller, with the channel role whose configured id matches where they typed. */
    private Caller caller(String slackUser, String channelId) {
        String role = channelId == null
                ? null
                : config.channels().entrySet().stream()
                        .filter(e -> channelId.equals(e.getValue().id()))
                        .map(java.util.Map.Entry::getKey)
                        .findFirst()
                        .orElse(null);
        return new Caller(agents.agentForSlackUser(slackUser).map(a -> a.id()).orElse(null), slackUser, role);
    }

    /**
     * The form's input the refusal concerns: the field the core named, when the form has such
     * an input; otherwise {@code fallback}, the input a refusal about the whole form shows under.
     */
    private static String formField(CommandException e, java.util.Set<String> inputs, String fallback) {
        return e.field() != null && inputs.contains(e.field()) ? e.field() : fallback;
    }

    /** Form errors show as plain text under the input: no markup. */
    private static String plain(CommandException e) {
        return dev.phasebot.message.PlainText.withUserIds().render(e.answer());
    }

    private Response ephemeral(SlashCommandContext ctx, Doc doc) {
        return answers.ack(ctx, doc);
    }

    private Response openModal(SlashCommandContext ctx, String triggerId, View view) {
        ViewsOpenResponse opened;
        try {
            opened = ctx.client().viewsOpen(r -> r.triggerId(triggerId).view(view));
        } catch (Exception e) {
            log.warn("views.open failed", e);
            return ephemeral(
                    ctx,
                    Doc.of(
                            "The form could not be opened just now. You can post inline instead: ",
                            Span.code("/standup help"),
                            " shows how."));
        }
        if (!opened.isOk()) {
            log.warn("views.open failed: {}", opened.getError());
            return ephemeral(
                    ctx,
                    Doc.of(
                            "The form could not be opened (" + opened.getError() + "). You can post inline instead: ",
                            Span.code("/standup help"),
                            " shows how."));
        }
        return ctx.ack();
    }

    /**
     * The command's text as the user typed it. Slack sends a slash command's text with {@code &},
     * {@code <} and {@code >} as entities, so "R&D" arrives as "R&amp;D"; everything the bot
     * repeats is escaped again on the way out (SafeText), so nothing typed becomes a mention or a
     * broadcast. Mentions Slack itself made ({@code <@U0123|dana>}) carry real brackets and stay.
     */
    static String typed(String text) {
        return text == null ? "" : dev.phasebot.message.SafeText.unescape(text);
    }
}

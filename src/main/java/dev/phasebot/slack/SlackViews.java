package dev.phasebot.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.phasebot.standup.StandupUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders phasebot's messages and forms as Block Kit, and reads the form back. */
final class SlackViews {

    static final String STANDUP_MODAL = "standup_update";
    static final String SECURITY = "security";
    static final String BLOCKERS = "blockers";
    static final String COMMITMENTS = "commitments";
    static final String COORDINATION = "coordination";
    private static final String VALUE = "value";
    /** Slack limits a section block's text to 3,000 characters; longer messages go as plain text. */
    private static final int SECTION_LIMIT = 3_000;

    private SlackViews() {}

    /** Text as section blocks, split at line ends to stay under Slack's 3,000 characters a section. */
    static List<LayoutBlock> sections(String text) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            while (line.length() > SECTION_LIMIT - 1) {
                flush(blocks, chunk);
                chunk.append(line, 0, SECTION_LIMIT - 1);
                flush(blocks, chunk);
                line = line.substring(SECTION_LIMIT - 1);
            }
            if (chunk.length() + line.length() + 1 > SECTION_LIMIT) {
                flush(blocks, chunk);
            }
            chunk.append(line).append('\n');
        }
        flush(blocks, chunk);
        return blocks;
    }

    private static void flush(List<LayoutBlock> blocks, StringBuilder chunk) {
        String done = chunk.toString().stripTrailing();
        chunk.setLength(0);
        if (!done.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(done))));
        }
    }

    static View standupModal(boolean securityRequired, StandupUpdate current) {
        return view(v -> v.type("modal")
                .callbackId(STANDUP_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text("Standup update")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(asBlocks(
                        field(
                                SECURITY,
                                securityRequired ? "Security team update" : "Security update (optional)",
                                !securityRequired,
                                current.security()),
                        field(BLOCKERS, "Blockers and dependencies", true, current.blockers()),
                        field(COMMITMENTS, "Deliverable commitments for today", true, current.commitments()),
                        field(COORDINATION, "Cross-team coordination needs", true, current.coordination()))));
    }

    /** The App Home tab showing mrkdwn, split into sections under Slack's 3,000-character limit. */
    static View home(String text) {
        return view(v -> v.type("home").blocks(sections(text)));
    }

    /** A view holds up to 100 blocks. */
    static final int HOME_BLOCKS = 100;

    /**
     * The App Home tab showing a doc as Block Kit. A view has no thread, so a long doc is not cut
     * into messages: its blocks follow one another, up to a view's 100 blocks.
     */
    static View home(dev.phasebot.message.Doc doc) {
        List<LayoutBlock> blocks = SlackBlocks.blocks(doc);
        return view(v -> v.type("home").blocks(blocks.subList(0, Math.min(blocks.size(), HOME_BLOCKS))));
    }

    /** A form's answer in place of the form, rendered as any answer is (user text escaped). */
    static View confirmation(dev.phasebot.message.Doc answer, String title) {
        List<LayoutBlock> blocks = SlackBlocks.blocks(answer);
        return view(v -> v.type("modal")
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(blocks.subList(0, Math.min(blocks.size(), HOME_BLOCKS))));
    }

    static final String INCIDENT_MODAL = "incident_raise";
    static final String INCIDENT_ACT_MODAL = "incident_act";

    static View incidentModal(boolean security) {
        return incidentModal(security, null);
    }

    /** The raise form with what the command already said ({@code /incident security LOW}) chosen. */
    static View incidentModal(boolean security, String severity) {
        String chosen = severity == null ? "CRITICAL" : severity;
        return view(v -> v.type("modal")
                .callbackId(INCIDENT_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text("Raise an incident")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Raise")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(security ? "security" : "")
                .blocks(asBlocks(
                        input(i -> i.blockId("title")
                                .label(plainText("Title"))
                                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(150)))),
                        input(i -> i.blockId("severity")
                                .label(plainText("Severity (only CRITICAL runs the clock)"))
                                .element(staticSelect(x -> x.actionId(VALUE)
                                        .initialOption(option(plainText(chosen), chosen))
                                        .options(List.of(
                                                option(plainText("CRITICAL"), "CRITICAL"),
                                                option(plainText("HIGH"), "HIGH"),
                                                option(plainText("MEDIUM"), "MEDIUM"),
                                                option(plainText("LOW"), "LOW")))))),
                        input(i -> i.blockId("area")
                                .label(plainText("Area"))
                                .element(staticSelect(x -> x.actionId(VALUE)
                                        .initialOption(
                                                security
                                                        ? option(plainText("Security (private channel)"), "security")
                                                        : option(plainText("Other"), "other"))
                                        .options(List.of(
                                                option(plainText("Security (private channel)"), "security"),
                                                option(plainText("Other"), "other")))))),
                        input(i -> i.blockId("affects")
                                .optional(true)
                                .label(plainText("Affected task or gate (T1, gate:1)"))
                                .element(plainTextInput(p -> p.actionId(VALUE).maxLength(10)))),
                        input(i -> i.blockId("description")
                                .optional(true)
                                .label(plainText("Description"))
                                .element(plainTextInput(
                                        p -> p.actionId(VALUE).multiline(true).maxLength(3_000)))))));
    }

    static View incidentActModal(String act, long id) {
        String label = switch (act) {
            case "assess" -> "Technical assessment";
            case "plan" -> "Mitigation plan";
            case "implemented" -> "What was implemented";
            case "escalate" -> "Why and to whom it is escalated";
            default -> "Resolution";
        };
        return view(v -> v.type("modal")
                .callbackId(INCIDENT_ACT_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text("Incident #" + id)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Post")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .privateMetadata(act + ":" + id)
                .blocks(asBlocks(input(i -> i.blockId("text")
                        .optional("resolve".equals(act))
                        .label(plainText(label))
                        .element(plainTextInput(
                                p -> p.actionId(VALUE).multiline(true).maxLength(3_000)))))));
    }

    static dev.phasebot.incident.IncidentService.RaiseRequest readIncident(View view) {
        Map<String, Map<String, ViewState.Value>> values = view.getState().getValues();
        String severity = selected(values, "severity");
        return new dev.phasebot.incident.IncidentService.RaiseRequest(
                value(values, "title"),
                severity == null ? null : severity,
                "security".equals(selected(values, "area")) || "security".equals(view.getPrivateMetadata()),
                value(values, "description"),
                value(values, "affects").isBlank() ? null : value(values, "affects"));
    }

    static String actText(View view) {
        return value(view.getState().getValues(), "text");
    }

    private static String selected(Map<String, Map<String, ViewState.Value>> values, String blockId) {
        Map<String, ViewState.Value> block = values == null ? null : values.get(blockId);
        ViewState.Value value = block == null ? null : block.get(VALUE);
        return value == null || value.getSelectedOption() == null
                ? null
                : value.getSelectedOption().getValue();
    }

    static StandupUpdate readStandup(ViewState state) {
        Map<String, Map<String, ViewState.Value>> values = state.getValues();
        return new StandupUpdate(
                value(values, SECURITY),
                value(values, BLOCKERS),
                value(values, COMMITMENTS),
                value(values, COORDINATION));
    }

    private static LayoutBlock field(String blockId, String label, boolean optional, String initial) {
        return input(i -> i.blockId(blockId)
                .optional(optional)
                .label(plainText(label))
                .element(plainTextInput(p -> {
                    p.actionId(VALUE).multiline(true).maxLength(3_000);
                    if (initial != null && !initial.isEmpty()) {
                        p.initialValue(initial);
                    }
                    return p;
                })));
    }

    private static String value(Map<String, Map<String, ViewState.Value>> values, String blockId) {
        Map<String, ViewState.Value> block = values == null ? null : values.get(blockId);
        ViewState.Value value = block == null ? null : block.get(VALUE);
        return value == null || value.getValue() == null ? "" : value.getValue();
    }
}

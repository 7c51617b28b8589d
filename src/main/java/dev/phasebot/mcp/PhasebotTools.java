package dev.phasebot.mcp;

import dev.phasebot.mcp.PhasebotClient.ApiRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools, each one endpoint of {@code /api/v1}. The descriptions are all a model knows
 * about phasebot, so each says what the call changes, as whom, and what comes back.
 */
final class PhasebotTools {

    static final List<String> ACTS = List.of("ack", "assess", "plan", "implemented", "escalate", "resolve");

    private static final Map<String, Object> DATE =
            Map.of("type", "string", "format", "date", "description", "The day, as 2025-03-14.");

    private PhasebotTools() {}

    static List<PhasebotTool> all() {
        return List.of(
                postStandupUpdate(),
                standupStatus(),
                raiseIncident(),
                actOnIncident(),
                listTasks(),
                checkDeliverable());
    }

    private static PhasebotTool postStandupUpdate() {
        return new PhasebotTool(
                "post_standup_update",
                "Post or amend today's standup update as your agent (the one the token belongs to). Give at least one "
                        + "of the four sections as plain text. Each section given replaces that section of today's "
                        + "update; sections left out keep what was posted earlier today. Returns what was recorded, as JSON.",
                object(
                        Map.of(
                                "security",
                                        text(
                                                "Security-relevant news since the last standup (findings, exposed secrets, "
                                                        + "vulnerable dependencies), or 'none'."),
                                "blockers",
                                        text(
                                                "What stops you, naming the task (T3) or the agent you wait on; 'none' if nothing."),
                                "today", text("What you will work on today, naming tasks (T3) where you can."),
                                "coordination", text("What you need from or hand over to other agents.")),
                        List.of()),
                output(
                        Map.of(
                                "day", DATE,
                                "update",
                                        Map.of(
                                                "type",
                                                "object",
                                                "description",
                                                "Today's whole update as it now stands (today's section is 'commitments')."),
                                "updated", sections("The sections this call changed."),
                                "cleared", sections("The sections this call emptied."),
                                "late", Map.of("type", "boolean", "description", "Posted after the standup closed."),
                                "amended",
                                        Map.of(
                                                "type",
                                                "boolean",
                                                "description",
                                                "The day had closed, so its summary was amended.")),
                        List.of("day")),
                args -> ApiRequest.post("/standup/update", args.bodyWithout()));
    }

    private static PhasebotTool standupStatus() {
        return new PhasebotTool(
                "standup_status",
                "Read today's standup: its state (OPEN, CLOSED, OPENS later, NOT_OPENED though it was due, or NONE "
                        + "today), which agents have "
                        + "posted and when (late or not), who is still missing and who is out. Changes nothing.",
                object(Map.of(), List.of()),
                output(
                        Map.of(
                                "day", DATE,
                                "state",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("OPEN", "CLOSED", "OPENS", "NOT_OPENED", "NONE")),
                                "at", nullable("string", "When it opened, closed or opens."),
                                "posted",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                output(
                                                        Map.of(
                                                                "agent", Map.of("type", "string"),
                                                                "at", Map.of("type", "string"),
                                                                "late", Map.of("type", "boolean")),
                                                        List.of("agent", "late"))),
                                "missing", strings("Agents who have not posted today."),
                                "out", strings("Agents out of office today.")),
                        List.of("day", "state", "posted", "missing", "out")),
                args -> ApiRequest.get("/standup/status"));
    }

    private static PhasebotTool raiseIncident() {
        return new PhasebotTool(
                "raise_incident",
                "Raise an incident as your agent: something broken or at risk that needs people now (an outage, a "
                        + "failing pipeline, a leaked secret). CRITICAL starts the escalation clock. Returns the new "
                        + "incident's id (which act_on_incident takes), its severity and who was paged.",
                object(
                        Map.of(
                                "title", text("One line saying what is wrong, e.g. 'CI runners are down'."),
                                "severity",
                                        Map.of(
                                                "type",
                                                "string",
                                                "enum",
                                                List.of("CRITICAL", "HIGH", "MEDIUM", "LOW"),
                                                "description",
                                                "How bad it is; CRITICAL when left out."),
                                "security",
                                        Map.of(
                                                "type",
                                                "boolean",
                                                "description",
                                                "true for a security incident: its details are shown only to those "
                                                        + "allowed to see them. false when left out."),
                                "affects", text("The task (T3) or gate (gate:2) it puts at risk, if any."),
                                "description", text("What is known so far: symptoms, since when, what was tried.")),
                        List.of("title")),
                output(
                        Map.of(
                                "id", Map.of("type", "integer", "description", "The new incident's number."),
                                "severity", Map.of("type", "string"),
                                "security", Map.of("type", "boolean"),
                                "channel", nullable("string", "The incident's channel, by name."),
                                "deadlines",
                                        Map.of(
                                                "type",
                                                "array",
                                                "description",
                                                "The escalation clock's milestones and when each is due."),
                                "paged", strings("Who was paged.")),
                        List.of("id", "severity", "paged")),
                args -> ApiRequest.post("/incidents", args.bodyWithout()));
    }

    private static PhasebotTool actOnIncident() {
        return new PhasebotTool(
                "act_on_incident",
                "Work an open incident as your agent, one step of the incident policy at a time: ack (you are on "
                        + "it), assess (the technical assessment), plan (the mitigation plan), implemented (the "
                        + "mitigation is in), escalate (it needs someone higher), resolve (it is over; text says how). "
                        + "The API refuses a step your agent may not take, naming why. Returns what the step recorded.",
                object(
                        Map.of(
                                "id",
                                        Map.of(
                                                "type",
                                                "integer",
                                                "minimum",
                                                1,
                                                "description",
                                                "The incident's number (#3 is 3)."),
                                "act", Map.of("type", "string", "enum", ACTS, "description", "The step to take."),
                                "text",
                                        text(
                                                "What you found, plan or did; for resolve, the resolution. Needed for every act but ack.")),
                        List.of("id", "act")),
                output(
                        Map.of(
                                "id", Map.of("type", "integer", "description", "The incident's number."),
                                "act", nullable("string", "The act recorded, when one was."),
                                "milestone", nullable("string", "The policy milestone the act met, if any."),
                                "late", nullable("string", "How long after the milestone's deadline (ISO-8601)."),
                                "channel", nullable("string", "For resolve: where the post-incident summary goes.")),
                        List.of("id")),
                PhasebotTools::incidentAct);
    }

    /** resolve is an endpoint of its own, whose text is called resolution; the other acts share one. */
    private static ApiRequest incidentAct(ToolArgs args) {
        String id = args.segment("id");
        String act = args.optional("act")
                .orElseThrow(() -> new ToolInputException("act", "act is required: one of " + String.join(", ", ACTS)));
        Map<String, Object> body = new LinkedHashMap<>();
        args.optional("text").ifPresent(text -> body.put(act.equals("resolve") ? "resolution" : "text", text));
        return act.equals("resolve")
                ? ApiRequest.post("/incidents/" + id + "/resolve", body)
                : ApiRequest.post("/incidents/" + id + "/acts/" + ToolArgs.encode(act), body);
    }

    private static PhasebotTool listTasks() {
        return new PhasebotTool(
                "list_tasks",
                "List the plan's tasks: id, title, priority, owner, status, due date, whether overdue, and how many "
                        + "deliverables are ticked of how many. All tasks when no filter is given. Changes nothing.",
                object(
                        Map.of(
                                "filter",
                                text("mine (your agent's tasks), an agent id (its tasks), blocked, overdue, "
                                        + "or a priority: CRITICAL, HIGH, MEDIUM or LOW.")),
                        List.of()),
                output(
                        Map.of(
                                "title", Map.of("type", "string", "description", "Which tasks these are."),
                                "tasks",
                                        Map.of(
                                                "type",
                                                "array",
                                                "items",
                                                output(
                                                        Map.of(
                                                                "id", Map.of("type", "string"),
                                                                "title", Map.of("type", "string"),
                                                                "priority", Map.of("type", "string"),
                                                                "owner", nullable("string", "The agent who owns it."),
                                                                "status", Map.of("type", "string"),
                                                                "due",
                                                                        nullable(
                                                                                "string",
                                                                                "The due date as the plan gives it."),
                                                                "overdue", Map.of("type", "boolean"),
                                                                "checked",
                                                                        Map.of(
                                                                                "type",
                                                                                "integer",
                                                                                "description",
                                                                                "Deliverables ticked."),
                                                                "deliverables",
                                                                        Map.of(
                                                                                "type",
                                                                                "integer",
                                                                                "description",
                                                                                "Deliverables in all.")),
                                                        List.of("id", "title", "status")))),
                        List.of("title", "tasks")),
                args -> ApiRequest.get("/tasks"
                        + args.optional("filter")
                                .map(f -> "?filter=" + ToolArgs.encode(f))
                                .orElse("")));
    }

    private static PhasebotTool checkDeliverable() {
        return new PhasebotTool(
                "check_deliverable",
                "Tick (or untick) one deliverable of a task your agent owns, when it is done. Deliverables are "
                        + "numbered from 1 in the order the plan lists them. Returns the deliverable, whether it "
                        + "was already so, and how many of the task's deliverables are now ticked.",
                object(
                        Map.of(
                                "task", text("The task's id, e.g. T3."),
                                "n",
                                        Map.of(
                                                "type",
                                                "integer",
                                                "minimum",
                                                1,
                                                "description",
                                                "The deliverable's number, from 1."),
                                "checked",
                                        Map.of(
                                                "type",
                                                "boolean",
                                                "description",
                                                "true to tick it (when left out), false to untick it.")),
                        List.of("task", "n")),
                output(
                        Map.of(
                                "taskId", Map.of("type", "string"),
                                "item",
                                        output(
                                                Map.of(
                                                        "index", Map.of("type", "integer"),
                                                        "text", Map.of("type", "string")),
                                                List.of("index", "text")),
                                "checked", Map.of("type", "boolean", "description", "Whether it is now ticked."),
                                "already", Map.of("type", "boolean", "description", "It was so before this call."),
                                "checkedCount", Map.of("type", "integer", "description", "Deliverables now ticked."),
                                "total", Map.of("type", "integer", "description", "Deliverables in all.")),
                        List.of("taskId", "item", "checked", "already", "checkedCount", "total")),
                args -> ApiRequest.post(
                        "/tasks/" + args.segment("task") + "/deliverables/" + args.segment("n"),
                        args.bodyWithout("task", "n")));
    }

    /** An object schema; no other properties, so a model that invents one is told by the schema, not by a failed call. */
    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new LinkedHashMap<>(properties));
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * The shape of a tool's structured result: the API's JSON answer. Other properties are
     * allowed, so a field the API adds later does not turn a good answer into a failed call.
     */
    private static Map<String, Object> output(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new LinkedHashMap<>(properties));
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> nullable(String type, String description) {
        return Map.of("type", List.of(type, "null"), "description", description);
    }

    private static Map<String, Object> strings(String description) {
        return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
    }

    private static Map<String, Object> sections(String description) {
        return Map.of(
                "type",
                "array",
                "items",
                Map.of("type", "string", "enum", List.of("SECURITY", "BLOCKERS", "TODAY", "COORDINATION")),
                "description",
                description);
    }

    private static Map<String, Object> text(String description) {
        return Map.of("type", "string", "description", description);
    }
}

package dev.phasebot.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.incident.IncidentService.RaiseRequest;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Area owners' team rotations, and the raise paging the lead on call: who is paged, resolved when it is sent. */
class OnCallRespondersTest extends BotTest {

    /** devops-engineer joins ML Engineering, which shares the duty of its areas (T4 is ml-engineer's) weekly. */
    static final String ML_TEAM = Fixtures.shippedConfigText()
                    .replace(
                            "  - id: devops-engineer\n    team: DevOps",
                            "  - id: devops-engineer\n    team: ML Engineering")
            + "\noncall:\n"
            + "  teams:\n"
            + "    ML Engineering:\n"
            + "      agents: [devops-engineer, ml-engineer]\n"
            + "      hand_off_day: MONDAY\n"
            + "      hand_off_time: \"09:00\"\n"
            + "      shift: P7D\n";

    OnCallRespondersTest() {
        // Tuesday: shift 66 of the weekly rotations that started Monday 2025-08-18.
        super("2026-11-24T09:00");
    }

    @Test
    void anAreaOwnersTeamRotationIsPagedInsteadOfTheOwner() {
        // The mitigation plan pages the area owner in this plan.
        startOnPlan(
                ML_TEAM.replace(
                        "      act: mitigation_plan\n      notify: lead",
                        "      act: mitigation_plan\n      notify: owner"),
                "team.db");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Model drift", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        assertTrue(
                slack.textsTo("dm:devops-engineer").stream()
                        .anyMatch(t -> t.startsWith("You are needed on this incident.")),
                "the raise pages the owner's team's person on call");
        at("10:00");
        assertEquals(
                List.of(
                        "! Incident #1 missed its mitigation plan deadline (due 10:00 EST). Paging devops-engineer (owner)."),
                slack.textsTo("channel:coordination").stream()
                        .filter(t -> t.contains("missed its mitigation plan"))
                        .toList());
    }

    @Test
    void onCallListsTeamRotationsAndAnOverrideMayNameTheTeam() {
        startOnPlan(ML_TEAM, "team.db");
        assertTrue(
                run("qa-engineer", "")
                        .endsWith("  • owner (ML Engineering team): devops-engineer since Mon 23 Nov 09:00 EST,"
                                + " until Mon 30 Nov 09:00 EST (in 6 d), then ml-engineer"),
                run("qa-engineer", ""));
        run("devops-engineer", "override ml-engineering ml-engineer for 1h");
        assertEquals(
                "ml-engineer",
                bot.database()
                        .read(tx -> new OnCall(bot.config(), bot.database(), clock)
                                .ownerAt(tx, "ml-engineer", clock.instant())));
    }

    @Test
    void theRaisePagesTheLeadOnCallNotThePlansLead() {
        startOnPlan(
                Fixtures.shippedConfigText()
                        + OnCallTest.CONTACT_ROTATION
                                .replace("contact:", "lead:")
                                .replace(
                                        "[senior-system-developer, software-architect, devops-engineer]",
                                        "[devops-engineer, senior-system-developer, software-architect]"),
                "lead.db");
        bot.incidents().raise("qa-engineer", new RaiseRequest("Pipeline outage", "CRITICAL", false, null, "T4"));
        worker.deliverDue();
        List<String> leadOnCall = slack.textsTo("dm:devops-engineer");
        assertTrue(
                leadOnCall.stream().anyMatch(t -> t.startsWith("You are needed on this incident.")),
                leadOnCall.toString());
        assertTrue(
                leadOnCall.stream().anyMatch(t -> t.contains("devops-engineer (lead)")),
                "the card's must-act line names the lead on call: " + leadOnCall);
        assertFalse(
                slack.textsTo("dm:senior-system-developer").stream().anyMatch(t -> t.startsWith("You are needed")),
                "the plan's lead, not on call, is not paged");
    }

    @Test
    void aTeamRotationOfAnUnknownTeamOrAnAgentOffTheTeamIsRefusedNamingItsKey() {
        assertEquals(
                "test.yml: oncall.teams.ML Enginering: 'ML Enginering' is not a team defined under teams (expected one"
                        + " of: Security, Architecture, ML Engineering, Quality Assurance, System Performance, DevOps)",
                reject(ML_TEAM.replace("    ML Engineering:\n", "    ML Enginering:\n")));
        assertEquals(
                "test.yml: oncall.teams.ML Engineering.agents[1]: agent 'qa-engineer' is on team Quality Assurance,"
                        + " not ML Engineering (a team's rotation shares its own areas)",
                reject(ML_TEAM.replace("[devops-engineer, ml-engineer]", "[devops-engineer, qa-engineer]")));
    }

    @Test
    void theShippedPlansCommentedExampleLoadsOnceSwitchedOn() {
        String text = Fixtures.shippedConfigText();
        int start = text.indexOf("# oncall:\n");
        // The example runs to the first blank line: the paging example follows it.
        String example = text.substring(start, text.indexOf("\n\n", start)).replaceAll("(?m)^# ?", "");
        OnCall onCall = new OnCall(new ConfigLoader().parse("bot-config.yml", text + "\n" + example), clock);
        assertEquals(List.of("lead", "contact", "security"), onCall.roles());
        assertEquals("owner (Security team)", onCall.label("security"));
    }

    private static String reject(String text) {
        String message = assertThrows(ConfigException.class, () -> new ConfigLoader().parse("test.yml", text))
                .getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    private String run(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/oncall", text)).text();
    }
}

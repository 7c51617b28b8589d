package dev.phasebot.standup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentMentionsTest {

    private static final List<String> ROSTER =
            List.of("qa-engineer", "senior-qa-engineer", "ml-engineer", "software-architect", "devops-engineer", "a1");

    private final AgentMentions mentions = new AgentMentions(ROSTER);

    @Test
    void anIdCountsOnlyWhereNoWordCharacterOrDashTouchesIt() {
        assertEquals(List.of("qa-engineer"), mentions.in("waiting on qa-engineer.", "ml-engineer"));
        assertEquals(List.of("senior-qa-engineer"), mentions.in("senior-qa-engineer has it", "ml-engineer"));
        assertEquals(List.of(), mentions.in("qa-engineers, xqa-engineer, qa-engineer-2, qa-engineer_x", "ml-engineer"));
        assertEquals(List.of("qa-engineer", "a1"), mentions.in("@a1 and @qa-engineer", "ml-engineer"));
    }

    @Test
    void theAuthorIsNeverNamedAndEachAgentOnceInRosterOrder() {
        assertEquals(
                List.of("qa-engineer", "software-architect"),
                mentions.in("software-architect, ml-engineer, qa-engineer, software-architect again", "ml-engineer"));
    }

    @Test
    void itNamesExactlyWhomTheRegexPerAgentNamed() {
        List<String> texts = List.of(
                "",
                "-",
                "@",
                "a1",
                "a1-",
                "-a1",
                "_a1",
                "a1_",
                "x@a1",
                "@@a1",
                "a1@",
                "(software-architect)",
                "software-architect\ndevops-engineer",
                "T3 blocked by <@U1> a1,a1;a1",
                "ml-engineer--qa-engineer",
                "qa-engineer\u00e9",
                "\u00e9qa-engineer",
                "devops-engineer's review");
        for (String text : texts) {
            assertEquals(byRegex(text, "nobody"), mentions.in(text, "nobody"), text);
        }
    }

    @Test
    void aFiveHundredAgentRosterWithEveryoneBlockedOnTwoOthersIsNamedInOnePass() {
        List<String> roster = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            roster.add("agent-" + i);
        }
        AgentMentions many = new AgentMentions(roster);

        // 500 blocked updates, each naming two agents among prose and look-alikes: with a
        // regex per agent per update this was 250,000 compiles; the benchmark times it
        int named = 0;
        for (int i = 0; i < 500; i++) {
            String text = "waiting on @agent-" + (i + 1) % 500 + " and agent-" + (i + 7) % 500 + " for T3; not agent-"
                    + i + "x nor xagent-" + (i + 2) % 500 + ", see agent-" + i;
            List<String> found = many.in(text, "agent-" + i);
            List<Integer> expected =
                    List.of((i + 1) % 500, (i + 7) % 500).stream().sorted().toList();
            assertEquals(expected.stream().map(n -> "agent-" + n).toList(), found, text);
            named += found.size();
        }
        assertEquals(1000, named);
    }

    /** The rule as it was written before, one regex per agent: the reference the new pass must equal. */
    private static List<String> byRegex(String text, String self) {
        return ROSTER.stream()
                .filter(id -> !id.equals(self))
                .filter(id -> Pattern.compile("(?<![\\w-])@?" + Pattern.quote(id) + "(?![\\w-])")
                        .matcher(text)
                        .find())
                .toList();
    }
}

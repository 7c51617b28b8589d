package dev.phasebot.incident;

import java.util.Arrays;
import java.util.Optional;

/** What people do about an incident, and the policy act each one meets. */
public enum Act {
    ACKNOWLEDGE("ack", "acknowledgement", "acknowledged"),
    ASSESS("assess", "assessment", "posted the technical assessment"),
    PLAN("plan", "mitigation_plan", "posted the mitigation plan"),
    IMPLEMENTED("implemented", "implementation", "marked it implemented"),
    ESCALATE("escalate", "escalation", "escalated");

    private final String command;
    private final String policyAct;
    private final String pastTense;

    Act(String command, String policyAct, String pastTense) {
        this.command = command;
        this.policyAct = policyAct;
        this.pastTense = pastTense;
    }

    public String command() {
        return command;
    }

    public String policyAct() {
        return policyAct;
    }

    public String pastTense() {
        return pastTense;
    }

    /**
     * Whether doing this meets a milestone whose policy act is {@code milestoneAct}. The plan's
     * last step reads "implementation or escalation", so escalating meets an implementation
     * milestone too.
     */
    public boolean meets(String milestoneAct) {
        return policyAct.equals(milestoneAct) || (this == ESCALATE && "implementation".equals(milestoneAct));
    }

    public static Optional<Act> byCommand(String word) {
        return Arrays.stream(values()).filter(a -> a.command.equals(word)).findFirst();
    }
}

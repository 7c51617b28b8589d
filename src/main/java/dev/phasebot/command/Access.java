package dev.phasebot.command;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Who may run a subcommand. The dispatcher asks before the feature is called; a refusal
 * names who may. {@link #who()} is what help and the README show.
 *
 * <p>Rules that depend on the thing acted on (a task's owner, an incident's assignee) are
 * given by the feature, which knows its state; the core checks them again, because buttons,
 * forms and the agent API reach it without a slash command.
 */
public interface Access {

    /** Short, for help and the README: "anyone linked", "lead", "owner, lead". */
    String who();

    /** Empty when {@code agent} may run it with {@code args}; otherwise the refusal, naming who may. */
    Optional<String> refusal(String agent, Args args);

    /** Any agent of the phase (any linked Slack user; everyone on the console). */
    static Access linked() {
        return new Access() {
            @Override
            public String who() {
                return "anyone linked";
            }

            @Override
            public Optional<String> refusal(String agent, Args args) {
                return Optional.empty();
            }
        };
    }

    /** Only the phase's lead. */
    static Access lead(String leadId, String what) {
        return only("lead", leadId, "the lead", what);
    }

    /** Only one named agent (the lead, the review's leader), shown in help as {@code who}. */
    static Access only(String who, String agentId, String described, String what) {
        return rule(
                who,
                (agent, args) -> agentId.equals(agent)
                        ? Optional.empty()
                        : Optional.of("Only " + described + " (" + agentId + ") may " + what + "."));
    }

    /** A rule of the feature's: {@code rule} answers the refusal, or empty to allow. */
    static Access rule(String who, BiFunction<String, Args, Optional<String>> rule) {
        return new Access() {
            @Override
            public String who() {
                return who;
            }

            @Override
            public Optional<String> refusal(String agent, Args args) {
                return rule.apply(agent, args);
            }
        };
    }
}

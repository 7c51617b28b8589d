package dev.phasebot.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phasebot.command.Subcommand.Handler;
import org.junit.jupiter.api.Test;

class CommandTableTest {

    private static final Handler NOTHING = inv -> CommandReply.of(dev.phasebot.message.Doc.of(""));

    @Test
    void aCommandBecomesAMarkdownTableWithTheEmptyFormAndFreeTextFirstAndPipesEscaped() {
        SlashCommand pet = SlashCommand.named("/pet")
                .summary("pets.")
                .whenEmpty(Subcommand.of()
                        .who(Access.linked())
                        .does("opens the form")
                        .run(NOTHING))
                .freeText(
                        Subcommand.of()
                                .params(Param.text("name"))
                                .who(Access.linked())
                                .does("adopts one")
                                .run(NOTHING),
                        "/pet adopt")
                .sub(Subcommand.of("feed")
                        .alias("f")
                        .params(Param.word("pet"), Param.choice("food", "kibble", "fish"))
                        .who(Access.rule("owner, vet", (agent, args) -> java.util.Optional.empty()))
                        .does("feeds it\nonce | twice")
                        .example("/pet feed rex fish")
                        .run(NOTHING))
                .sub(Subcommand.of("ooo", "list")
                        .params(Param.integer("days").orLeftOut())
                        .who(Access.lead("lead-agent", "list"))
                        .does("who is away")
                        .run(NOTHING))
                .build();

        assertEquals("""
                | Command | Who | What |
                |---|---|---|
                | `/pet` | anyone linked | opens the form |
                | `/pet <name>` | anyone linked | adopts one |
                | `/pet feed <pet> kibble\\|fish` (or `f`) | owner, vet | feeds it once \\| twice |
                | `/pet ooo list [days]` | lead | who is away |
                """, CommandTable.markdown(pet));
    }
}

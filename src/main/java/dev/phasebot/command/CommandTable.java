package dev.phasebot.command;

import java.util.stream.Collectors;

/**
 * A command's table as GitHub markdown, one row per subcommand in help's order: its usage,
 * who may run it and what it does. The README's command tables are these, pasted between
 * markers and checked by a test, so they cannot drift from what the bot accepts.
 */
public final class CommandTable {

    private CommandTable() {}

    /** The header, its rule and one line per row of {@code command}, each line ending in a newline. */
    public static String markdown(SlashCommand command) {
        StringBuilder table = new StringBuilder("| Command | Who | What |\n|---|---|---|\n");
        for (Subcommand row : command.rows()) {
            table.append("| ")
                    .append(command(command, row))
                    .append(" | ")
                    .append(cell(row.access().who()))
                    .append(" | ")
                    .append(cell(row.does()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** {@code `/review notes <note>` (or `note`)}: the usage, then the subcommand's other names. */
    private static String command(SlashCommand command, Subcommand row) {
        String usage = code(row.usage(command.name()));
        if (row.aliases().isEmpty()) {
            return usage;
        }
        return usage + " (or " + row.aliases().stream().map(CommandTable::code).collect(Collectors.joining(", ")) + ")";
    }

    private static String code(String text) {
        return "`" + cell(text) + "`";
    }

    /**
     * A pipe would end the cell, even inside backticks: GitHub reads {@code \|} as a pipe in
     * both. A line break would end the table, so it becomes a space.
     */
    private static String cell(String text) {
        return text.replace("\r\n", " ")
                .replace('\n', ' ')
                .replace('\r', ' ')
                .replace("|", "\\|")
                .strip();
    }
}

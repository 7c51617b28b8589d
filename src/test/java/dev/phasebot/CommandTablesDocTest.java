package dev.phasebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.CommandTable;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.support.BotTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs' command tables are the bot's own grammar tables, rendered by {@link CommandTable}
 * between {@code <!-- commands:/name -->} and {@code <!-- /commands -->}, in README.md or any
 * file of docs/. The prose around them is written by hand; the rows never are.
 *
 * <p>Run with {@code -Dphasebot.docs.write=true} to rewrite every block from the tables.
 */
class CommandTablesDocTest extends BotTest {

    private static final String WRITE = "phasebot.docs.write";
    private static final String REGENERATE =
            "Regenerate the docs' tables with: " + "mvn -B test -Dtest=CommandTablesDocTest -Dphasebot.docs.write=true";
    private static final Pattern BLOCK =
            Pattern.compile("(<!-- commands:(\\S+) -->\n)(.*?)(<!-- /commands -->)", Pattern.DOTALL);

    CommandTablesDocTest() {
        super("2026-11-24T09:00");
    }

    @Test
    void everyCommandTableInTheDocsIsTheOneTheBotReads() throws IOException {
        Map<String, String> rendered = new LinkedHashMap<>();
        for (SlashCommand command : bot.dispatcher().commands()) {
            rendered.put(command.name(), CommandTable.markdown(command));
        }
        Map<String, String> blocks = new LinkedHashMap<>();
        Map<String, Path> where = new LinkedHashMap<>();
        for (Path file : markdownFiles()) {
            String text = Files.readString(file);
            if (Boolean.getBoolean(WRITE)) {
                text = rewrite(text, rendered);
                Files.writeString(file, text);
            }
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                String name = m.group(2);
                assertTrue(
                        rendered.containsKey(name),
                        file + " has a table for " + name
                                + ", which the bot does not register: remove the block or fix its marker.");
                Path earlier = where.put(name, file);
                assertTrue(
                        earlier == null,
                        "There are two tables for " + name + " (" + earlier + ", " + file + "); keep one.");
                blocks.put(name, m.group(3));
            }
        }
        for (Map.Entry<String, String> command : rendered.entrySet()) {
            String name = command.getKey();
            assertTrue(
                    blocks.containsKey(name),
                    "No doc has a table for " + name + ". Put these two lines where it belongs in docs/:\n"
                            + "<!-- commands:" + name + " -->\n<!-- /commands -->\n" + REGENERATE);
            assertEquals(
                    command.getValue(),
                    blocks.get(name),
                    where.get(name) + "'s table for " + name + " is not the command's grammar table. " + REGENERATE);
        }
    }

    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The text with every block's body replaced by its command's table; blocks of unknown commands are left. */
    private static String rewrite(String text, Map<String, String> rendered) {
        Matcher m = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String table = rendered.get(m.group(2));
            String body = table == null ? m.group(3) : table;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }
}

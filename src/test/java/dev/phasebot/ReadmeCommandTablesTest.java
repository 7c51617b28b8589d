package dev.phasebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.CommandTable;
import dev.phasebot.command.SlashCommand;
import dev.phasebot.support.BotTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's command tables are the bot's own grammar tables, rendered by
 * {@link CommandTable} between {@code <!-- commands:/name -->} and {@code <!-- /commands -->}.
 * The prose around them is written by hand; the rows never are.
 *
 * <p>Run with {@code -Dphasebot.readme.write=true} to rewrite every block from the tables.
 */
class ReadmeCommandTablesTest extends BotTest {

    private static final Path README = Path.of("README.md");
    private static final String WRITE = "phasebot.readme.write";
    private static final String REGENERATE = "Regenerate the README's tables with: "
            + "mvn -B test -Dtest=ReadmeCommandTablesTest -Dphasebot.readme.write=true";
    private static final Pattern BLOCK =
            Pattern.compile("(<!-- commands:(\\S+) -->\n)(.*?)(<!-- /commands -->)", Pattern.DOTALL);

    ReadmeCommandTablesTest() {
        super("2026-11-24T09:00");
    }

    @Test
    void everyCommandTableInTheReadmeIsTheOneTheBotReads() throws IOException {
        Map<String, String> rendered = new LinkedHashMap<>();
        for (SlashCommand command : bot.dispatcher().commands()) {
            rendered.put(command.name(), CommandTable.markdown(command));
        }
        String readme = Files.readString(README);
        if (Boolean.getBoolean(WRITE)) {
            readme = rewrite(readme, rendered);
            Files.writeString(README, readme);
        }

        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            String name = m.group(2);
            assertTrue(
                    rendered.containsKey(name),
                    "README.md has a table for " + name
                            + ", which the bot does not register: remove the block or fix its marker.");
            assertNull(blocks.put(name, m.group(3)), "README.md has two tables for " + name + "; keep one.");
        }
        for (Map.Entry<String, String> command : rendered.entrySet()) {
            String name = command.getKey();
            assertTrue(
                    blocks.containsKey(name),
                    "README.md has no table for " + name + ". Put these two lines where "
                            + "it belongs:\n<!-- commands:" + name + " -->\n<!-- /commands -->\n" + REGENERATE);
            assertEquals(
                    command.getValue(),
                    blocks.get(name),
                    "README.md's table for " + name + " is not the command's grammar table. " + REGENERATE);
        }
    }

    /** The README with every block's body replaced by its command's table; blocks of unknown commands are left. */
    private static String rewrite(String readme, Map<String, String> rendered) {
        Matcher m = BLOCK.matcher(readme);
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

package dev.phasebot.support;

import dev.phasebot.Phasebot;
import dev.phasebot.delivery.DeliveryWorker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot with the shipped plan over a fresh SQLite file, a clock moved by hand, and a delivery
 * worker that records what it would send: the setting of every core scenario test.
 */
public abstract class BotTest {

    @TempDir
    protected Path dir;

    protected final SettableClock clock;
    protected final RecordingTransport slack = new RecordingTransport();
    protected Phasebot bot;
    protected DeliveryWorker worker;

    /** @param start the New York wall-clock time the test begins at, e.g. 2026-11-24T09:00 */
    protected BotTest(String start) {
        this.clock = SettableClock.newYork(start);
    }

    @BeforeEach
    void startBot() {
        bot = Fixtures.bot(dir.resolve("phasebot.db"), clock);
        worker = Fixtures.worker(bot, slack, clock);
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }

    /**
     * Moves the clock to {@code time} ("09:04") on the scenario's current day, or to a full local
     * date-time ("2026-11-25T09:04"), fires every timer now due and delivers what they queued.
     */
    protected void at(String time) {
        clock.at(time);
        bot.timers().runDue();
        worker.deliverDue();
    }

    /** The text of the last message delivered to {@code destination}, e.g. channel:coordination. */
    protected String lastTo(String destination) {
        java.util.List<String> texts = slack.textsTo(destination);
        return texts.get(texts.size() - 1);
    }

    /**
     * Stops the bot and starts one on another plan ({@code configText}, the shipped file edited)
     * over {@code dbFile} in the test's folder, with a worker of its own: the same file reloads an
     * edited config, another file is a fresh bot.
     */
    protected void startOnPlan(String configText, String dbFile) {
        bot.close();
        bot = new Phasebot(
                new dev.phasebot.config.ConfigLoader().parse("edited bot-config.yml", configText),
                Fixtures.store(dir.resolve(dbFile)),
                clock,
                true);
        worker = Fixtures.worker(bot, slack, clock);
    }

    /**
     * Stops the bot and starts new objects over the same file at a later time ("09:40" on the
     * current day, or a full local date-time), as a restart does.
     */
    protected void restartAt(String time) {
        bot.close();
        clock.at(time);
        bot = Fixtures.bot(dir.resolve("phasebot.db"), clock);
        worker = Fixtures.worker(bot, slack, clock);
    }
}

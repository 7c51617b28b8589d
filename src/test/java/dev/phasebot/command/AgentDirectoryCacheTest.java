package dev.phasebot.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.config.Agent;
import dev.phasebot.config.BotConfig;
import dev.phasebot.store.Database;
import dev.phasebot.support.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDirectoryCacheTest {

    private static final Instant AT = Instant.parse("2026-11-24T14:00:00Z");

    @TempDir
    Path dir;

    private final BotConfig config = Fixtures.shippedConfig();
    private Database db;
    private AgentDirectory agents;
    private String agent;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("phasebot.db"));
        agents = new AgentDirectory(config, db, false);
        agent = config.agents().get(1).id();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCommittedLinkIsSeenByTheNextLookupAfterTheCacheWasFilled() {
        assertEquals(Optional.empty(), agentOf("U0NEW"));

        db.run(tx -> agents.link(tx, agent, "U0NEW", "lead", AT));

        assertEquals(Optional.of(agent), agentOf("U0NEW"));
        assertEquals(Optional.of("U0NEW"), agents.slackUser(agent));
    }

    @Test
    void aLinkThatRollsBackIsNeverSeenNorAnnounced() {
        assertEquals(Optional.empty(), agentOf("U0NEW"));
        List<String> told = new ArrayList<>();
        agents.onLinkChange(told::add);

        assertThrows(
                IllegalStateException.class,
                () -> db.run(tx -> {
                    agents.link(tx, agent, "U0NEW", "lead", AT);
                    // a lookup inside the transaction must not fill the cache with the uncommitted link
                    agentOf("U0NEW");
                    throw new IllegalStateException("rolled back");
                }));

        assertEquals(Optional.empty(), agentOf("U0NEW"));
        assertEquals(List.of(), told);
    }

    @Test
    void listenersHearOfALinkOnlyOnceEveryReaderCanSeeIt() {
        List<Optional<String>> seenByListener = new ArrayList<>();
        agents.onLinkChange(user -> seenByListener.add(agentOf(user)));

        db.run(tx -> agents.link(tx, agent, "U0NEW", "lead", AT));

        assertEquals(List.of(Optional.of(agent)), seenByListener);
    }

    @Test
    void relinkingAnAgentMovesItAwayFromTheFormerUserAndTellsBoth() {
        List<String> told = new ArrayList<>();
        agents.onLinkChange(told::add);
        db.run(tx -> agents.link(tx, agent, "U0FIRST", "lead", AT));
        told.clear();

        db.run(tx -> agents.link(tx, agent, "U0SECOND", "lead", AT.plusSeconds(60)));

        assertEquals(Optional.of(agent), agentOf("U0SECOND"));
        assertTrue(agentOf("U0FIRST").isEmpty(), "the former user acts as nobody now");
        assertEquals(List.of("U0FIRST", "U0SECOND"), told);
    }

    private Optional<String> agentOf(String slackUser) {
        return agents.agentForSlackUser(slackUser).map(Agent::id);
    }
}

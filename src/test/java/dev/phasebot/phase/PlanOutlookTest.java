package dev.phasebot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phasebot.command.Caller;
import dev.phasebot.command.CommandException;
import dev.phasebot.command.CommandReply;
import dev.phasebot.config.ConfigException;
import dev.phasebot.config.ConfigLoader;
import dev.phasebot.message.PlainText;
import dev.phasebot.phase.PlanOutlook.Checklist;
import dev.phasebot.phase.PlanOutlook.Group;
import dev.phasebot.plan.ChecklistItem;
import dev.phasebot.review.Agenda;
import dev.phasebot.support.BotTest;
import dev.phasebot.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's success metrics, risks, contingency plans and handoff, as typed in /phase. */
class PlanOutlookTest extends BotTest {

    private static final String LEAD = "senior-system-developer";
    private static final String SECURITY = "python-ml-fintech-reviewer";

    PlanOutlookTest() {
        super("2025-08-26T10:00");
    }

    @Test
    void theShippedPlanCarriesTheSeedsSuccessMetricsRisksContingenciesAndHandoff() {
        List<Group> metrics = bot.planOutlook().groups(Checklist.SUCCESS_METRICS);
        assertEquals(
                List.of("Security", "Architecture", "Performance", "Quality"),
                metrics.stream().map(Group::name).toList());
        assertEquals(
                List.of(SECURITY, "software-architect", LEAD, "qa-engineer"),
                metrics.stream().map(Group::owner).toList());
        assertEquals(
                List.of(
                        "Zero CRITICAL security vulnerabilities",
                        "Zero HIGH security vulnerabilities",
                        "100% security test coverage for transform functions",
                        "Financial compliance validation complete"),
                texts(metrics.get(0)));
        assertEquals("Integration test coverage expanded", texts(metrics.get(3)).get(3));
        assertEquals(16, metrics.stream().mapToInt(Group::total).sum());

        String risks = run("qa-engineer", "risks");
        assertTrue(
                risks.contains("R1 Security fix complexity: May require more time than estimated · mitigation: "
                        + "Dedicated security expert, iterative fixes · python-ml-fintech-reviewer · open"),
                risks);
        assertTrue(risks.contains("R3 Performance impact: Security fixes may impact performance"), risks);

        String contingencies = run("qa-engineer", "contingencies");
        assertTrue(
                contingencies.contains("Architecture conflicts → Senior System Developer arbitration"), contingencies);
        assertTrue(contingencies.contains("Integration issues → Daily integration checks, rollback procedures"));

        List<Group> handoff = bot.planOutlook().groups(Checklist.HANDOFF);
        assertEquals(
                List.of("Documentation", "Knowledge transfer", "Tools and infrastructure"),
                handoff.stream().map(Group::name).toList());
        assertEquals(
                "Q&A sessions for each major component", texts(handoff.get(1)).get(3));
        assertEquals("Deployment procedures", texts(handoff.get(2)).get(3));
    }

    @Test
    void aSuccessMetricIsCheckedByNumberOrWordsAuditedAndPostedToTheCoordinationChannel() {
        assertTrue(run(SECURITY, "metric check security 2")
                .contains("Success metrics, Security: python-ml-fintech-reviewer checked \"Zero HIGH security "
                        + "vulnerabilities\" (1 of 4 met)."));
        assertTrue(run(LEAD, "metric check quality existing tests").contains("\"All existing tests passing\""));
        assertTrue(run(LEAD, "metric check quality existing tests")
                .startsWith("\"All existing tests passing\" of " + "Quality is already checked"));
        assertTrue(run(LEAD, "metric uncheck quality 1").contains(LEAD + " unchecked \"All existing tests passing\""));

        worker.deliverDue();
        assertTrue(lastTo("channel:coordination").contains("unchecked \"All existing tests passing\""));
        assertEquals(3, audited("metric.%"));
        String metrics = run("qa-engineer", "metrics");
        assertTrue(metrics.startsWith("Success metrics: 1/16 met"), metrics);
        assertTrue(metrics.contains("☑ 2. Zero HIGH security vulnerabilities · python-ml-fintech-reviewer"), metrics);
    }

    @Test
    void onlyTheGroupsOwnerOrTheLeadChecksAnItem() {
        assertEquals(
                "Only the group's owner (python-ml-fintech-reviewer) or the lead (senior-system-developer) may check "
                        + "success metrics of Security.",
                error("qa-engineer", "metric check security 1"));
        assertEquals(
                "Only the group's owner (software-architect) or the lead (senior-system-developer) may check "
                        + "handoff requirements of Documentation.",
                error("qa-engineer", "handoff check documentation 1"));
        assertEquals(0, checkedCount());
        assertEquals(0, audited("%"));
    }

    @Test
    void aHandoffRequirementIsCheckedAndUncheckedByItsGroupsOwner() {
        assertTrue(
                run("devops-engineer", "handoff check tools deployment")
                        .contains(
                                "Handoff, Tools and infrastructure: devops-engineer checked \"Deployment procedures\" (1 of 4 done)."));
        assertTrue(run(LEAD, "handoff check knowledge 2").contains("\"Video walkthroughs of complex components\""));
        assertTrue(run("qa-engineer", "handoff").startsWith("Phase handoff: 2/12 done"));
        assertTrue(run("devops-engineer", "handoff uncheck tools 4").contains("(0 of 4 done)"));
        assertEquals(1, checkedCount());
    }

    @Test
    void aTypoOrAMissingArgumentChangesNothingAndAnswersUsage() {
        String typo = error(SECURITY, "metric check securty 1");
        assertTrue(typo.contains("Did you mean"), typo);
        assertTrue(typo.contains("security"), typo);
        assertTrue(typo.contains("Usage: /phase metric check"), typo);
        String missing = error(SECURITY, "metric check security");
        assertTrue(missing.contains("Usage: /phase metric check"), missing);
        assertTrue(error(SECURITY, "metric check security vulnerabilities")
                .startsWith("Name one success metric of Security"));
        String noSuchRisk = error(SECURITY, "risk close R9 done");
        assertTrue(noSuchRisk.startsWith("R9 is not one of R1, R2, R3. Nothing was changed."), noSuchRisk);
        assertTrue(error(SECURITY, "risk clsoe R1 done").contains("Did you mean"));
        String secondWord = error(SECURITY, "metric chek security 1");
        assertTrue(secondWord.contains("Did you mean /phase metric check security 1?"), secondWord);
        String riskSlip = error(SECURITY, "risk clsoe R1 done");
        assertTrue(riskSlip.contains("Did you mean /phase risk close R1 done?"), riskSlip);
        assertTrue(error(SECURITY, "risk close R1").contains("Usage: /phase risk close"));
        assertEquals(0, checkedCount());
        assertEquals(0, audited("%"));
        assertTrue(run("qa-engineer", "risks").startsWith("Risks: 3 open of 3"));
    }

    @Test
    void aRiskIsClosedWithAReasonAndReopenedByItsOwnerOrTheLead() {
        assertEquals(
                "Only the risk's owner (senior-system-developer) or the lead (senior-system-developer) may close R3.",
                error("qa-engineer", "risk close R3 looks fine"));
        at("11:30");
        assertTrue(
                run(LEAD, "risk close r3 no regression in two weeks of benchmarks")
                        .contains(
                                "Risk R3 Performance impact closed by senior-system-developer: no regression in two weeks of benchmarks"));
        assertTrue(run(LEAD, "risk close R3 again").startsWith("R3 Performance impact is already closed."));
        String risks = run("qa-engineer", "risks");
        assertTrue(risks.startsWith("Risks: 2 open of 3"), risks);
        assertTrue(risks.contains("closed by senior-system-developer: no regression in two weeks of benchmarks"));
        assertTrue(run("qa-engineer", "").contains("Open risks: 2 (R1, R2)"));

        assertTrue(run(SECURITY, "risk reopen R1").startsWith("R1 Security fix complexity is already open."));
        assertTrue(
                run(LEAD, "risk reopen R3").contains("Risk R3 Performance impact reopened by senior-system-developer"));
        worker.deliverDue();
        assertTrue(lastTo("channel:coordination").contains("Risk R3 Performance impact reopened"));
        assertEquals(2, audited("risk.%"));
        assertTrue(run("qa-engineer", "risks").startsWith("Risks: 3 open of 3"));
    }

    @Test
    void thePhaseDashboardCountsMetricsOpenRisksAndHandoff() {
        run(SECURITY, "metric check security 1");
        run("software-architect", "handoff check documentation 1");
        String phase = run("qa-engineer", "");
        assertTrue(
                phase.contains("Success metrics: 1/16 met\n▲ Open risks: 3 (R1, R2, R3)\nHandoff: 1/12 done\n"), phase);
    }

    @Test
    void theReviewAgendaShowsUnmetSuccessMetricsByGroupAndOpenRisks() {
        for (int i = 1; i <= 4; i++) {
            run(SECURITY, "metric check security " + i);
        }
        run(LEAD, "risk close R2 interface contracts are in place");
        Agenda agenda = bot.reviewSession().preview();

        List<String> metrics = plain(agenda.reported(Agenda.Source.SUCCESS_METRICS));
        assertEquals(3, metrics.size(), "the Security group is all met: left out");
        assertEquals(
                "Architecture · software-architect · 4 unmet: Model class decomposition design approved by all "
                        + "stakeholders; Clear migration path for monolithic modules; Async architecture foundation "
                        + "established; Backward compatibility maintained",
                metrics.get(0));
        assertEquals(
                List.of(
                        "R1 Security fix complexity · python-ml-fintech-reviewer · mitigation: Dedicated security "
                                + "expert, iterative fixes",
                        "R3 Performance impact · senior-system-developer · mitigation: Performance testing after "
                                + "each security change"),
                plain(agenda.reported(Agenda.Source.RISKS)));
    }

    @Test
    void aRestartKeepsWhoCheckedWhatAndWhichRisksAreClosed() {
        java.time.Instant checkedAt = clock.instant();
        run(SECURITY, "metric check security 1");
        run(LEAD, "risk close R1 fixed and audited");
        restartAt("2025-08-27T10:00");
        restartAt("2025-08-28T10:00");

        ChecklistItem item = bot.planOutlook()
                .groups(Checklist.SUCCESS_METRICS)
                .get(0)
                .items()
                .get(0);
        assertEquals(SECURITY, item.checkedBy());
        assertEquals(checkedAt, item.checkedAt());
        assertTrue(run("qa-engineer", "risks").contains("closed by senior-system-developer: fixed and audited"));
        assertEquals(2, checkedCount(), "one metric checked, one risk closed");
    }

    @Test
    void aConfigErrorInTheNewSectionsNamesTheKey() {
        String shipped = Fixtures.shippedConfigText();
        assertEquals(
                "test.yml: plan.risks[1].owner: agent 'architect' is not defined under agents",
                reject(shipped.replace(
                        "      mitigation: Strict interface contracts, frequent integration\n      owner: software-architect",
                        "      mitigation: Strict interface contracts, frequent integration\n      owner: architect")));
        assertTrue(reject(shipped.replace("  contingencies:\n    - trigger:", "  contingencies:\n    - trigegr:"))
                .startsWith("test.yml: plan.contingencies[0].trigegr: unknown key 'trigegr'"));
        assertEquals(
                "test.yml: plan.success_metrics[3].owner: agent 'qa' is not defined under agents",
                reject(shipped.replace(
                        "    - name: Quality\n      owner: qa-engineer", "    - name: Quality\n      owner: qa")));
        assertTrue(reject(shipped.replace("    - name: Knowledge transfer", "    - name: Documentation again"))
                .startsWith("test.yml: plan.handoff[1].name: another group's name also starts with 'documentation'"));
    }

    private String reject(String text) {
        return assertThrows(ConfigException.class, () -> new ConfigLoader().parse("test.yml", text))
                .getMessage();
    }

    private static List<String> texts(Group g) {
        return g.items().stream().map(ChecklistItem::text).toList();
    }

    private static List<String> plain(List<dev.phasebot.message.Line> lines) {
        return lines.stream().map(PlainText.withUserIds()::render).toList();
    }

    private int checkedCount() {
        return bot.database()
                .read(tx -> tx.queryOne(
                        "SELECT (SELECT count(*) FROM success_metric WHERE checked_at IS NOT NULL)"
                                + " + (SELECT count(*) FROM handoff_item WHERE checked_at IS NOT NULL)"
                                + " + (SELECT count(*) FROM plan_risk WHERE closed_at IS NOT NULL)",
                        rs -> rs.getInt(1)))
                .orElseThrow();
    }

    private int audited(String actionLike) {
        return bot.database()
                .read(tx -> tx.queryOne(
                        "SELECT count(*) FROM audit_log WHERE action LIKE ?", rs -> rs.getInt(1), actionLike))
                .orElseThrow();
    }

    private String run(String agent, String text) {
        return ((CommandReply.Text) bot.dispatcher().handle(Caller.agent(agent), "/phase", text)).text();
    }

    private String error(String agent, String text) {
        return assertThrows(CommandException.class, () -> bot.dispatcher().handle(Caller.agent(agent), "/phase", text))
                .getMessage();
    }
}

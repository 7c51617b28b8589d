package dev.phasebot.bench;

import dev.phasebot.delivery.Outbox;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.schedule.PhaseScheduler;
import dev.phasebot.schedule.TimerService;
import dev.phasebot.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The escalation clock's two figures, each against a baseline in the same run:
 * (1) re-arming 10,000 pending timers at start-up, against only reading their rows;
 * (2) how late timers fire when 1,000 fall due in the same minute, each writing one notice to
 * the outbox in its transaction, against Quartz firing 1,000 triggers that do nothing; then
 * the same burst again while writer threads commit updates flat out. Lateness is taken once
 * the notice is committed. The window and the writers are the third and fourth arguments.
 * Run with {@code bench/timers.sh}; results go in docs/BENCHMARKS.md.
 */
public final class TimerBenchmark {

    private TimerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int windowSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int writers = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        Path dir = Files.createTempDirectory("phasebot-timers");
        rearm(dir.resolve("rearm.db"), pending);
        lateness(dir.resolve("late.db"), burst, windowSeconds, writers);
    }

    private static void rearm(Path file, int count) throws Exception {
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(file)) {
            TimerService timers = new TimerService(db, clock, TimerService.Arming.NONE);
            Instant base = clock.instant().plus(Duration.ofHours(1));
            db.run(tx -> {
                for (int i = 0; i < count; i++) {
                    timers.schedule(tx, "bench", "t" + i, base.plusSeconds(i));
                }
            });
        }
        // A fresh process's view: new objects over the same file.
        try (Database db = Database.open(file)) {
            PhaseScheduler quartz = new PhaseScheduler();
            TimerService timers = new TimerService(db, clock, quartz);
            timers.pending(); // warm the statement and the page cache alike for both measurements
            long t0 = System.nanoTime();
            int read = timers.pending().size();
            double readMs = (System.nanoTime() - t0) / 1e6;
            try (PhaseScheduler scheduler = quartz) {
                scheduler.start(timers);
                long t1 = System.nanoTime();
                int armed = timers.rearmAll();
                double armMs = (System.nanoTime() - t1) / 1e6;
                System.out.printf(
                        Locale.ROOT,
                        "rearm: %d pending timers: reading the rows %.1f ms (baseline), "
                                + "reading and arming in Quartz %.1f ms (%.1fx), %.1f µs a timer%n",
                        read,
                        readMs,
                        armMs,
                        armMs / readMs,
                        armMs * 1000 / armed);
            }
        }
    }

    private static void lateness(Path file, int count, int windowSeconds, int writers) throws Exception {
        long window = windowSeconds * 1000L;
        Clock clock = Clock.systemUTC();
        try (Database db = Database.open(file)) {
            PhaseScheduler quartz = new PhaseScheduler();
            TimerService timers = new TimerService(db, clock, quartz);
            Outbox outbox = new Outbox(clock);
            List<Long> late = Collections.synchronizedList(new ArrayList<>());
            List<Long> lateUnderLoad = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch quietDone = new CountDownLatch(count);
            CountDownLatch loadDone = new CountDownLatch(count);
            timers.on("bench", (tx, timer, now) -> {
                outbox.post(
                        tx,
                        "bench:" + timer.subject(),
                        Message.of(
                                Destination.channel("coordination"),
                                dev.phasebot.message.Doc.of(":warning: timer " + timer.subject() + " is due")));
                // late at commit: the notice exists for the delivery worker only from then on
                boolean underLoad = timer.subject().startsWith("w");
                tx.afterCommit(() -> {
                    (underLoad ? lateUnderLoad : late)
                            .add(Duration.between(timer.dueAt(), clock.instant())
                                    .toMillis());
                    (underLoad ? loadDone : quietDone).countDown();
                });
            });
            try (PhaseScheduler scheduler = quartz) {
                scheduler.start(timers);

                // Baseline: Quartz alone, 1,000 one-shot triggers spread over a minute, doing nothing.
                List<Long> quartzLate = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch quartzDone = new CountDownLatch(count);
                Instant start = clock.instant().plusSeconds(3);
                for (int i = 0; i < count; i++) {
                    Instant due = start.plusMillis(window * i / count);
                    scheduler.oneShot("noop-" + i, due, () -> {
                        quartzLate.add(Duration.between(due, clock.instant()).toMillis());
                        quartzDone.countDown();
                    });
                }
                quartzDone.await(3, TimeUnit.MINUTES);

                Instant start2 = clock.instant().plusSeconds(3);
                db.run(tx -> {
                    for (int i = 0; i < count; i++) {
                        timers.schedule(tx, "bench", "n" + i, start2.plusMillis(window * i / count));
                    }
                });
                quietDone.await(3, TimeUnit.MINUTES);

                // The same again while writers commit updates flat out: a deadline must not queue behind them.
                Instant start3 = clock.instant().plusSeconds(3);
                db.run(tx -> {
                    for (int i = 0; i < count; i++) {
                        timers.schedule(tx, "bench", "w" + i, start3.plusMillis(window * i / count));
                    }
                });
                AtomicBoolean writing = new AtomicBoolean(true);
                AtomicLong written = new AtomicLong();
                ExecutorService load = Executors.newFixedThreadPool(writers);
                for (int w = 0; w < writers; w++) {
                    load.submit(() -> {
                        while (writing.get()) {
                            db.run(tx -> tx.update(
                                    "INSERT INTO audit_log(at, actor, action) VALUES (?, 'bench', 'load')",
                                    clock.millis()));
                            written.incrementAndGet();
                        }
                    });
                }
                long loadStart = System.nanoTime();
                loadDone.await(3, TimeUnit.MINUTES);
                writing.set(false);
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                load.shutdown();
                load.awaitTermination(1, TimeUnit.MINUTES);
                System.out.printf(
                        Locale.ROOT,
                        "timers: %d due over %d s; load: %d writer threads, %.0f durable writes/s%n",
                        count,
                        windowSeconds,
                        writers,
                        written.get() / loadSeconds);
                report("Quartz triggers doing nothing (baseline)", quartzLate, null);
                report("phasebot timers, one notice each, at commit", late, quartzLate);
                report("phasebot timers while writers run flat out, at commit", lateUnderLoad, quartzLate);
            }
        }
    }

    private static void report(String what, List<Long> lateMs, List<Long> baseline) {
        List<Long> sorted = new ArrayList<>(lateMs);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) (sorted.size() * 0.99));
        long max = sorted.get(sorted.size() - 1);
        String ratio = "";
        if (baseline != null) {
            List<Long> b = new ArrayList<>(baseline);
            Collections.sort(b);
            long bp99 = Math.max(1, b.get((int) (b.size() * 0.99)));
            ratio = String.format(Locale.ROOT, ", p99 %.1fx the baseline's", (double) p99 / bp99);
        }
        System.out.printf(
                Locale.ROOT,
                "lateness: %s: %d fired, p50 %d ms, p99 %d ms, max %d ms%s%n",
                what,
                sorted.size(),
                p50,
                p99,
                max,
                ratio);
    }
}

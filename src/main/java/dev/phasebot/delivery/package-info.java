/**
 * The outbox, from the write that enqueues a message to the mark that says Slack has it. This
 * package holds every statement on the tables outbox and outbox_part: the features enqueue
 * through {@link dev.phasebot.delivery.Outbox}, in their own transaction; the worker reads and
 * marks rows through {@link dev.phasebot.delivery.OutboxRows}, which also answers the operator's
 * readings (depth, oldest age). The lifecycle lives here rather than in {@code message} because
 * its columns (status, attempts, in-flight mark, revision, Slack's ts) are delivery bookkeeping;
 * {@code message} keeps what is said, not how it travels.
 *
 * <p>The worker sends through a {@link dev.phasebot.delivery.Transport} (whose file also holds
 * what a transport is given and answers), in order per destination, with retries, paced by a
 * {@link dev.phasebot.delivery.Pacer}, looking up a post left in flight by a crash before posting
 * it again, and keeping each part of a long message as Slack takes it; entry point
 * {@link dev.phasebot.delivery.DeliveryWorker}. A row may carry a file
 * ({@link dev.phasebot.delivery.Outbox#upload}): Slack gets it by its two-step upload, the console
 * writes it to disk; such a row is never looked up after a crash, so it may be posted twice.
 */
package dev.phasebot.delivery;

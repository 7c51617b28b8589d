/**
 * Pagers outside Slack. Out: {@link dev.phasebot.paging.Pagers} sends the outbox's pages
 * (written by the incident feature with the change that causes them) to PagerDuty's Events API
 * v2 ({@link dev.phasebot.paging.PagerDutyEvents}) and a signed webhook
 * ({@link dev.phasebot.paging.SignedWebhook}), set up from the environment by
 * {@link dev.phasebot.paging.PagingSettings}. In: PagerDuty's signed v3 webhooks acknowledge or
 * resolve incidents here ({@link dev.phasebot.paging.PagerDutyWebhookHandler},
 * {@link dev.phasebot.paging.PagerDutyWebhookInbox}).
 */
package dev.phasebot.paging;

package dev.phasebot.config;

import java.util.Map;

/**
 * The optional {@code paging:} section of bot-config.yml: which phasebot agent each PagerDuty
 * user is ({@code pagerduty_users: { PXXXXXX: security-lead }}), for the PagerDuty webhooks
 * that acknowledge or resolve an incident there. A user not listed here is matched by e-mail
 * when a PagerDuty API token is set (dev.phasebot.paging.PagerDutyUsers).
 *
 * @param pagerdutyUsers PagerDuty user id (P...) to agent id
 */
public record PagingConfig(Map<String, String> pagerdutyUsers) {

    public PagingConfig {
        pagerdutyUsers = pagerdutyUsers == null ? Map.of() : pagerdutyUsers;
    }

    /** Without a {@code paging:} section: nobody mapped by config. */
    public static PagingConfig none() {
        return new PagingConfig(Map.of());
    }
}

package dev.phasebot.slack;

/** Slack answered that the bot token will not work (revoked, wrong, app uninstalled...). */
public final class TokenRefusedException extends RuntimeException {

    private final String error;

    TokenRefusedException(String error) {
        super("Slack refused SLACK_BOT_TOKEN (auth.test: " + error + "); "
                + "check the token, or reinstall the app if it was revoked");
        this.error = error;
    }

    /** Slack's error code, e.g. {@code invalid_auth}. */
    public String error() {
        return error;
    }
}

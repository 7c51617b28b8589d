package dev.phasebot.message;

/**
 * The marks messages use. Slack shows each as its emoji; the console as a plain character or
 * nothing, so no {@code :emoji:} code ever reaches a terminal. Add a mark here, not a code in text.
 */
public enum Symbol {
    ALERT("rotating_light", "!"),
    DONE("white_check_mark", "✓"),
    MISSED("x", "✗"),
    WARNING("warning", "!"),
    CANCELLED("no_entry_sign", "✗"),
    CHANGED("arrows_counterclockwise", "↻"),
    REOPENED("leftwards_arrow_with_hook", "↺"),
    OPEN_ITEM("white_square", "☐"),
    CHECKED_ITEM("ballot_box_with_check", "☑"),
    DUE("alarm_clock", ""),
    WAITING("hourglass", ""),
    SUNRISE("sunrise", ""),
    CELEBRATE("tada", ""),
    ANNOUNCE("mega", ""),
    NOTE("memo", ""),
    AGENDA("clipboard", ""),
    REMINDER("bell", ""),
    RISK("small_red_triangle", "▲"),
    BACK("rewind", "");

    private final String emoji;
    private final String plain;

    Symbol(String emoji, String plain) {
        this.emoji = emoji;
        this.plain = plain;
    }

    /** Slack's emoji name, without colons. */
    public String emoji() {
        return emoji;
    }

    /** How a plain-text surface shows it; empty to leave it out. */
    public String plain() {
        return plain;
    }
}

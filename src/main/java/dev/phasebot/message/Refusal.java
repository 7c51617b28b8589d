package dev.phasebot.message;

/**
 * The core's "no": bad input or a refused permission, said to the one who asked, with the
 * field it concerns so a form can show it next to that field. Nothing was changed.
 */
public final class Refusal extends RuntimeException {

    private final String field;
    private final Doc answer;

    public Refusal(String field, Doc answer) {
        super(PlainText.withUserIds().render(answer), null, false, false);
        this.field = field;
        this.answer = answer;
    }

    /** A refusal about no field in particular. */
    public Refusal(Doc answer) {
        this(null, answer);
    }

    public static Refusal of(String field, Object... parts) {
        return new Refusal(field, Doc.of(parts));
    }

    /** The input it concerns ({@code title}, {@code affects}, {@code blockers} ...), or null. */
    public String field() {
        return field;
    }

    public Doc answer() {
        return answer;
    }
}

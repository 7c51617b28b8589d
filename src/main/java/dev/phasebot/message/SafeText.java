package dev.phasebot.message;

/**
 * Makes user text inert before the bot repeats it. Slack reads {@code <...>} as a mention,
 * a broadcast ({@code <!channel>}) or a link, and {@code &} starts an entity; escaping these
 * three is what Slack documents, and it leaves everything else readable.
 */
public final class SafeText {

    private SafeText() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Reverses {@link #escape} for a plain-text display such as the console. */
    public static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

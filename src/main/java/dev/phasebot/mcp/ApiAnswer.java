package dev.phasebot.mcp;

/** The API's answer: its HTTP status and its body, JSON as the API wrote it. */
record ApiAnswer(int status, String body) {

    boolean ok() {
        return status / 100 == 2;
    }
}

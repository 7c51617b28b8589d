package dev.phasebot.api;

import dev.phasebot.store.AuditLog;
import dev.phasebot.store.Columns;
import dev.phasebot.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The agents' API tokens: one per agent, issued and revoked by the lead, stored only as a hash.
 *
 * <p>SHA-256, not bcrypt: a token is 32 random bytes, not a password a person chose, so there
 * is no dictionary to slow down and a fast hash is as safe as a slow one; being fast and
 * unsalted also lets a request find its token by an indexed lookup instead of trying each row.
 */
public final class ApiTokens {

    /** Tokens start with this, so a leaked one is easy to recognise in logs and secret scanners. */
    static final String PREFIX = "pb_";

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    public ApiTokens(Database database, AuditLog audit, Clock clock, SecureRandom random) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    /** A token's state as the lead sees it; never the token itself. */
    public record TokenInfo(String agent, Instant issuedAt, String issuedBy, Instant revokedAt, String revokedBy) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A new token for {@code agent}, replacing any earlier one; the only time the token is seen. */
    public String issue(String lead, String agent) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        database.run(tx -> {
            boolean replaced = tx.update(
                            "UPDATE api_tokens SET token_hash = ?, issued_at = ?, issued_by = ?, "
                                    + "revoked_at = NULL, revoked_by = NULL WHERE agent = ?",
                            hash(token),
                            now.toEpochMilli(),
                            lead,
                            agent)
                    > 0;
            if (!replaced) {
                tx.update(
                        "INSERT INTO api_tokens(agent, token_hash, issued_at, issued_by) VALUES (?, ?, ?, ?)",
                        agent,
                        hash(token),
                        now.toEpochMilli(),
                        lead);
            }
            audit.record(
                    tx, now, lead, "api.token.issue", agent + (replaced ? " (the earlier token no longer works)" : ""));
        });
        return token;
    }

    /** Revokes {@code agent}'s token; false when it had none in use. */
    public boolean revoke(String lead, String agent) {
        Instant now = clock.instant();
        return database.inTransaction(tx -> {
            boolean revoked = tx.update(
                            "UPDATE api_tokens SET revoked_at = ?, revoked_by = ? "
                                    + "WHERE agent = ? AND revoked_at IS NULL",
                            now.toEpochMilli(),
                            lead,
                            agent)
                    > 0;
            if (revoked) {
                audit.record(tx, now, lead, "api.token.revoke", agent);
            }
            return revoked;
        });
    }

    /** The agent a presented token belongs to, when it is one issued and not revoked. */
    public Optional<String> agentFor(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(token);
        return database.read(tx -> tx.queryOne(
                "SELECT agent FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                rs -> rs.getString(1),
                hash));
    }

    /** Every agent that has or had a token, in name order. */
    public List<TokenInfo> list() {
        return database.read(tx -> tx.query(
                "SELECT agent, issued_at, issued_by, revoked_at, revoked_by FROM api_tokens " + "ORDER BY agent",
                rs -> new TokenInfo(
                        rs.getString(1),
                        Columns.instant(rs, 2),
                        rs.getString(3),
                        Columns.instant(rs, 4),
                        rs.getString(5))));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

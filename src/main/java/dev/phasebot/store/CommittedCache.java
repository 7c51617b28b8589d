package dev.phasebot.store;

import java.util.Objects;

/**
 * One value read from the committed state, kept until the writer commits anything or the key
 * changes. For answers many callers ask for in a row that no write has touched since (the
 * day's standup status): a read and its rendering once per commit instead of once per caller.
 *
 * <p>Never stale for a caller: the count of commits is read before the value, and the writer
 * counts a commit before it answers the commit's callers, so whoever was told a write happened
 * sees a count the cached value does not carry and reads again. A value read meanwhile may be
 * newer than its count says, which only costs the next caller a read. Inside a transaction the
 * cache is passed by: the value would show writes that may still roll back. So it is on a store
 * that replicas share, whose other writers this process does not count.
 */
public final class CommittedCache<K, V> {

    private final Database database;
    private volatile Entry<K, V> entry;

    public CommittedCache(Database database) {
        this.database = database;
    }

    /** The value for {@code key}, read by {@code read} unless one read since the last commit is kept. */
    public V get(K key, Database.TxWork<V> read) {
        Objects.requireNonNull(key, "key");
        if (database.inWriter() || database.shared()) {
            // Shared: other replicas commit where this writer's count cannot see it.
            return database.read(read);
        }
        long commits = database.commits();
        Entry<K, V> kept = entry;
        if (kept != null && kept.commits == commits && kept.key.equals(key)) {
            return kept.value;
        }
        V value = database.read(read);
        entry = new Entry<>(key, commits, value);
        return value;
    }

    private record Entry<K, V>(K key, long commits, V value) {}
}

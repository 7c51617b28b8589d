package dev.phasebot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One running phasebot per database: an OS lock on {@code <database>.lock}, held for the
 * life of the process. Two processes on one file would both post the standup and both page
 * people. The operating system drops the lock when its holder dies, {@code kill -9} included,
 * so a restart by a supervisor never waits for a lease to expire, and a standby that
 * {@linkplain #waitFor waits} takes over the moment the holder is gone.
 */
public final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or refuses at once naming who holds it. */
    public static InstanceLock acquire(Path databaseFile) {
        return take(databaseFile, false);
    }

    /** Waits for the lock as a standby does: returns once the holder has stopped or died. */
    public static InstanceLock waitFor(Path databaseFile) {
        return take(databaseFile, true);
    }

    /** The lock file beside the database. */
    public static Path lockFile(Path databaseFile) {
        return databaseFile.toAbsolutePath().resolveSibling(databaseFile.getFileName() + ".lock");
    }

    private static InstanceLock take(Path databaseFile, boolean wait) {
        Path file = lockFile(databaseFile);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = wait ? channel.lock() : channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new InstanceLockedException(databaseFile, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(describeThisProcess().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new InstanceLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        int read = channel.read(buffer, 0);
        String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another process" : text;
    }

    /** "pid 4242 on build-7 since 2026-11-24T14:00:00Z": enough for an operator to find it. */
    static String describeThisProcess() {
        // The runtime MXBean's name is "pid@host" on every JVM we run on.
        String name = ManagementFactory.getRuntimeMXBean().getName();
        String host = name.contains("@") ? name.substring(name.indexOf('@') + 1) : "this host";
        return "pid " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}

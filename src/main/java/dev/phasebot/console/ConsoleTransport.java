package dev.phasebot.console;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.PlainText;
import dev.phasebot.message.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Prints what the bot would post: {@code [#alphapy-phase2] ...} and {@code [dm qa-engineer] ...}.
 * A file it is to post ({@link Upload}) is written under its files directory instead, never over
 * another ({@code report.md}, then {@code report-2.md}), and its comment printed with where it is.
 */
public final class ConsoleTransport implements Transport {

    /** Where files go unless told otherwise: what Main uses when PHASEBOT_FILES_DIR is not set. */
    public static final Path DEFAULT_FILES_DIR = Path.of("data", "files");

    private static final PlainText PLAIN = PlainText.withUserIds();
    /** A full disk or a read-only directory may be fixed by the operator: tried again, not given up. */
    private static final Duration WRITE_RETRY = Duration.ofMinutes(1);
    /** Past this many files of one name something is wrong; the next write says so and waits. */
    private static final int MAX_SAME_NAME = 1_000;

    private final PrintStream out;
    private final BotConfig config;
    private final Path filesDir;

    public ConsoleTransport(PrintStream out, BotConfig config) {
        this(out, config, DEFAULT_FILES_DIR);
    }

    /** {@code filesDir}: where posted files are written; created at the first file if missing. */
    public ConsoleTransport(PrintStream out, BotConfig config, Path filesDir) {
        this.out = out;
        this.config = config;
        this.filesDir = filesDir;
    }

    @Override
    public synchronized DeliveryResult deliver(OutgoingDelivery delivery) {
        Message message = delivery.message();
        if (message.room() != null) {
            return roomAct(delivery);
        }
        String where = prefix(message.destination());
        StringBuilder text = new StringBuilder();
        text.append('[').append(where).append("] ");
        if (delivery.isUpdate()) {
            text.append("(edited) ");
        }
        // Buttons come out as "[Post update] -> type /standup", the console's way to act.
        // Indented under its prefix; a blank line stays blank rather than four spaces.
        text.append(PLAIN.render(message.doc()).replace("\n", "\n    ").replace("\n    \n", "\n\n"));
        if (message.upload() != null && !delivery.isUpdate()) {
            Path written;
            try {
                written = write(message.upload());
            } catch (IOException e) {
                return new DeliveryResult.RetryLater(
                        WRITE_RETRY,
                        "could not write " + message.upload().filename() + " under " + filesDir + ": " + e);
            }
            text.append("\n    wrote ").append(written);
        }
        out.println(text);
        out.flush();
        return new DeliveryResult.Sent(new SentRef(where, "console-" + delivery.id()));
    }

    /**
     * An act on an incident's room, as one line: {@code [#inc-3-token-leak] created (private)},
     * {@code [#inc-3-token-leak] invited a, b}. The console has no channel ids: a room's is
     * {@code inc-<n>}, which names it without its title's words.
     */
    private DeliveryResult roomAct(OutgoingDelivery delivery) {
        Destination.Room room = (Destination.Room) delivery.message().destination();
        out.println("[#" + delivery.message().room().name() + "] "
                + PLAIN.render(delivery.message().doc()).strip());
        out.flush();
        String id = room.channelId() != null ? room.channelId() : "inc-" + room.incident();
        return new DeliveryResult.Sent(new SentRef(id, null));
    }

    /** Writes {@code file} under the files directory, by a name no file there has yet. */
    private Path write(Upload file) throws IOException {
        Files.createDirectories(filesDir);
        String name = file.filename();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; n <= MAX_SAME_NAME; n++) {
            Path target = filesDir.resolve(n == 1 ? name : base + "-" + n + extension);
            try (OutputStream stream = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                stream.write(file.bytes());
                return target;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next number
            }
        }
        throw new IOException(MAX_SAME_NAME + " files named like " + name + " are there already");
    }

    private String prefix(Destination destination) {
        if (destination instanceof Destination.ChannelRole role) {
            return config.channel(role.role()).name();
        }
        if (destination instanceof Destination.Room room) {
            return "#" + room.channelId();
        }
        return "dm " + ((Destination.DirectMessage) destination).agent();
    }
}

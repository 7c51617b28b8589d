package dev.phasebot.console;

import dev.phasebot.config.BotConfig;
import dev.phasebot.delivery.Transport;
import dev.phasebot.delivery.Transport.DeliveryResult;
import dev.phasebot.delivery.Transport.OutgoingDelivery;
import dev.phasebot.delivery.Transport.SentRef;
import dev.phasebot.message.Destination;
import dev.phasebot.message.Message;
import dev.phasebot.message.PlainText;
import java.io.PrintStream;

/** Prints what the bot would post: {@code [#alphapy-phase2] ...} and {@code [dm qa-engineer] ...}. */
public final class ConsoleTransport implements Transport {

    private static final PlainText PLAIN = PlainText.withUserIds();

    private final PrintStream out;
    private final BotConfig config;

    public ConsoleTransport(PrintStream out, BotConfig config) {
        this.out = out;
        this.config = config;
    }

    @Override
    public synchronized DeliveryResult deliver(OutgoingDelivery delivery) {
        Message message = delivery.message();
        String where = prefix(message.destination());
        StringBuilder text = new StringBuilder();
        text.append('[').append(where).append("] ");
        if (delivery.isUpdate()) {
            text.append("(edited) ");
        }
        // Buttons come out as "[Post update] -> type /standup", the console's way to act.
        // Indented under its prefix; a blank line stays blank rather than four spaces.
        text.append(PLAIN.render(message.doc()).replace("\n", "\n    ").replace("\n    \n", "\n\n"));
        out.println(text);
        out.flush();
        return new DeliveryResult.Sent(new SentRef(where, "console-" + delivery.id()));
    }

    private String prefix(Destination destination) {
        if (destination instanceof Destination.ChannelRole role) {
            return config.channel(role.role()).name();
        }
        return "dm " + ((Destination.DirectMessage) destination).agent();
    }
}

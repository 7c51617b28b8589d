package dev.phasebot.message;

import java.util.List;

/**
 * Something done to an incident's room other than posting in it, as one outbox row of the room's
 * queue, in this order at raise: create the channel ({@code name}, private or not), invite
 * ({@code invite}: agent ids, each transport finds their users), set the topic, pin the card; and
 * archive it after the incident closes. Each is one call to Slack and safe to make again.
 */
public record RoomAct(Kind kind, String name, boolean isPrivate, List<String> invite, String topic) {

    public RoomAct {
        invite = invite == null ? List.of() : List.copyOf(invite);
    }

    public enum Kind {
        CREATE,
        INVITE,
        TOPIC,
        PIN,
        ARCHIVE
    }

    public static RoomAct create(String name, boolean isPrivate) {
        return new RoomAct(Kind.CREATE, name, isPrivate, List.of(), null);
    }

    public static RoomAct invite(String name, List<String> agents) {
        return new RoomAct(Kind.INVITE, name, false, agents, null);
    }

    public static RoomAct topic(String name, String topic) {
        return new RoomAct(Kind.TOPIC, name, false, List.of(), topic);
    }

    /** Pins the message this row edits (the card): an outbox update whose original is that message. */
    public static RoomAct pin(String name) {
        return new RoomAct(Kind.PIN, name, false, List.of(), null);
    }

    public static RoomAct archive(String name) {
        return new RoomAct(Kind.ARCHIVE, name, false, List.of(), null);
    }
}

package dev.phasebot.oncall;

import dev.phasebot.config.BotConfig;
import dev.phasebot.config.OnCallRotation;
import dev.phasebot.store.Database;
import dev.phasebot.store.Tx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is on call for a role. A rotation's shifts are counted in local days from its first
 * hand-off (its hand-off day at or after the phase's start) and change hands at the hand-off
 * time in the phase's zone: a weekly 09:00 hand-off is at 09:00 on both sides of a DST change,
 * so that shift is an hour longer or shorter. Without a rotation a role is the plan's fixed
 * person: the lead, or {@code escalation.contact}. An override ({@link Cover}, stored) wins
 * over both while it runs.
 */
public final class OnCall {

    private final BotConfig config;
    private final ZoneId zone;
    private final Clock clock;
    /** Null for the plan's rotations alone, with no store to hold overrides. */
    private final Database database;

    private final Covers covers = new Covers();

    /** The plan's rotations alone: no overrides. */
    public OnCall(BotConfig config, Clock clock) {
        this(config, null, clock);
    }

    /** The plan's rotations and the overrides stored in {@code database}. */
    public OnCall(BotConfig config, Database database, Clock clock) {
        this.config = config;
        this.zone = config.phase().zone();
        this.clock = clock;
        this.database = database;
    }

    /**
     * The roles an override may name, in {@code /oncall}'s order: {@link OnCallRotation#ROLES}, then
     * each team with a rotation under its slug ({@code security}, {@code ml-engineering}).
     */
    public List<String> roles() {
        List<String> roles = new ArrayList<>(OnCallRotation.ROLES);
        config.oncall().teams().keySet().forEach(team -> roles.add(slug(team)));
        return roles;
    }

    /** How {@code /oncall} names a role: "lead", "contact", "owner (Security team)". */
    public String label(String role) {
        return team(role).map(team -> "owner (" + team + " team)").orElse(role);
    }

    /**
     * Who is paged for an incident's area {@code owner} at {@code at}, read through {@code tx}: the
     * owner, or, when the owner's team shares its areas' duty in a rotation, the team's person on call.
     */
    public String ownerAt(Tx tx, String owner, Instant at) {
        return config.agent(owner)
                .map(a -> a.team())
                .filter(team -> config.oncall().teams().containsKey(team))
                .map(team -> personAt(tx, slug(team), at))
                .orElse(owner);
    }

    /** A team's role word: its name in lower case, words joined by '-' ("ML Engineering" is ml-engineering). */
    static String slug(String team) {
        return team.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private Optional<String> team(String role) {
        return config.oncall().teams().keySet().stream()
                .filter(team -> slug(team).equals(role))
                .findFirst();
    }

    private OnCallRotation rotation(String role) {
        OnCallRotation rotation = config.oncall().roles().get(role);
        return rotation != null
                ? rotation
                : team(role).map(team -> config.oncall().teams().get(team)).orElse(null);
    }

    /** Each role, in {@link #roles()} order, as it is now, with the override running for it. */
    public List<Shift> now() {
        Instant now = clock.instant();
        if (database == null) {
            return roles().stream().map(role -> shiftAt(role, now)).toList();
        }
        return database.read(tx -> roles().stream()
                .map(role -> {
                    Shift shift = shiftAt(role, now);
                    return covers.running(tx, role, now)
                            .map(c ->
                                    shift.coveredBy(c, shiftAt(role, c.endsAt()).person()))
                            .orElse(shift);
                })
                .toList());
    }

    /**
     * The agent (or, for a contact that is a channel role, the channel role) paged for {@code
     * role} at {@code at}, read in a transaction of its own.
     */
    public String personAt(String role, Instant at) {
        return database == null ? shiftAt(role, at).person() : database.read(tx -> personAt(tx, role, at));
    }

    /**
     * The same, read through {@code tx}: a page is written inside a write transaction, and who
     * covers the role is read there, as it is when that write commits.
     */
    public String personAt(Tx tx, String role, Instant at) {
        if (database == null) {
            return shiftAt(role, at).person();
        }
        return covers.running(tx, role, at)
                .map(Cover::agent)
                .orElseGet(() -> shiftAt(role, at).person());
    }

    /** Who holds {@code role} at {@code at}, since when, until when and who is next. */
    public Shift shiftAt(String role, Instant at) {
        OnCallRotation rotation = rotation(role);
        if (rotation == null) {
            return Shift.fixed(role, fixedPerson(role));
        }
        long days = rotation.shift().getDays();
        LocalDate first = config.phase().start().with(TemporalAdjusters.nextOrSame(rotation.handOffDay()));
        long daysIn = ChronoUnit.DAYS.between(first, at.atZone(zone).toLocalDate());
        long shift = Math.floorDiv(daysIn, days);
        // On a hand-off day before the hand-off time, the shift before still runs.
        if (handOff(rotation, first, shift).isAfter(at)) {
            shift--;
        }
        List<String> agents = rotation.agents();
        return new Shift(
                role,
                agents.get((int) Math.floorMod(shift, (long) agents.size())),
                handOff(rotation, first, shift),
                handOff(rotation, first, shift + 1),
                agents.get((int) Math.floorMod(shift + 1, (long) agents.size())));
    }

    private Instant handOff(OnCallRotation rotation, LocalDate first, long shift) {
        LocalDate day = first.plusDays(shift * rotation.shift().getDays());
        // In a spring-forward gap the hand-off moves to the first minute that exists.
        return ZonedDateTime.of(day, rotation.handOffTime(), zone).toInstant();
    }

    private String fixedPerson(String role) {
        return switch (role) {
            case "lead" -> config.lead().id();
            case "contact" -> config.escalation().contact();
            default -> throw new IllegalArgumentException("no on-call role " + role);
        };
    }
}

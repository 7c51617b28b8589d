package dev.phasebot.message;

import java.util.function.Function;

/**
 * The last rendering of a value, kept while the same instance comes back. A value a cache hands
 * out unchanged to caller after caller (the standup status between two commits) is then
 * rendered once, not once per caller; any other value is rendered, and kept in its place.
 *
 * <p>By identity, not equality: comparing two answers field by field costs about what rendering
 * them does, and only the cached instance repeats. Values must be immutable, as records are.
 */
public final class LastRendering<V, R> {

    private final Function<V, R> render;
    private volatile Kept<V, R> last;

    public LastRendering(Function<V, R> render) {
        this.render = render;
    }

    public R of(V value) {
        Kept<V, R> kept = last;
        if (kept != null && kept.value == value) {
            return kept.rendering;
        }
        R rendering = render.apply(value);
        last = new Kept<>(value, rendering);
        return rendering;
    }

    private record Kept<V, R>(V value, R rendering) {}
}

package dev.tavern.outbox;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * A trace's context as the W3C {@code traceparent} text, to be stored with a row that something acts on later (an
 * outbox record, a webhook delivery), and restored when it is: the later work then joins the request's trace.
 */
@ApplicationScoped
public class TraceParents {

    static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final TextMapPropagator propagator;

    TraceParents(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The current trace's {@code traceparent}, or null outside a trace (or with tracing off). */
    public String current() {
        return of(Context.current());
    }

    public String of(Context context) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored {@code traceparent} names, or the root context when there is none. */
    public Context restore(String traceParent) {
        return traceParent == null ? Context.root() : propagator.extract(Context.root(), Map.of(TRACEPARENT, traceParent), FROM_MAP);
    }
}

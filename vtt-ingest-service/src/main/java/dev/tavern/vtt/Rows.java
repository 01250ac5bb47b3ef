package dev.tavern.vtt;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;

/** Rows of this service's statements, and instants to and from their {@code TIMESTAMPTZ} columns (microseconds). */
public final class Rows {

    private Rows() {
    }

    /** The first row, mapped, or null when there is none; rows of the bare SQL client or of its Mutiny API. */
    public static <R, T> T first(Iterable<R> rows, Function<R, T> mapper) {
        Iterator<R> iterator = rows.iterator();
        return iterator.hasNext() ? mapper.apply(iterator.next()) : null;
    }

    /** Now, as a column stores it: an answer built from it matches the row read back later. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** An instant as a statement parameter; null stays null. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A column's instant, or null. */
    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}

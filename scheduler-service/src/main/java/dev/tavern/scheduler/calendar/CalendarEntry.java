package dev.tavern.scheduler.calendar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.tavern.http.errors.ApiException;
import dev.tavern.scheduler.event.Event;
import dev.tavern.scheduler.event.EventState;
import dev.tavern.scheduler.event.EventStatus;
import dev.tavern.scheduler.event.TimeSlot;

/**
 * The calendar entry of a finalized event: an RFC 5545 VEVENT in UTC with a UID that never
 * changes and a SEQUENCE that grows with every change, so calendars update it in place.
 */
public record CalendarEntry(String uid, int sequence, Instant start, Instant end, String title, String description,
                            String location, String link, boolean cancelled) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** 409 until the host has finalized the event. */
    public static CalendarEntry of(EventState state, String link) {
        Event event = state.event();
        TimeSlot slot = state.finalizedSlot()
                .orElseThrow(() -> ApiException.conflict("The event has no calendar entry until its host finalizes it"));
        return new CalendarEntry("event-" + event.id + "-" + event.slug + "@tavern", event.calendarSequence,
                slot.startTime, slot.endTime, event.title, event.description, event.location, link,
                event.status == EventStatus.CANCELLED);
    }

    public String toIcs(Instant now) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Tavern//Scheduler//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:" + uid);
        line(ics, "DTSTAMP:" + UTC.format(now));
        line(ics, "DTSTART:" + UTC.format(start));
        line(ics, "DTEND:" + UTC.format(end));
        line(ics, "SEQUENCE:" + sequence);
        line(ics, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        line(ics, "SUMMARY:" + text(title));
        if (description != null) {
            line(ics, "DESCRIPTION:" + text(description + "\n\n" + link));
        } else {
            line(ics, "DESCRIPTION:" + text(link));
        }
        if (location != null) {
            line(ics, "LOCATION:" + text(location));
        }
        line(ics, "URL:" + link);
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    public String googleCalendarLink() {
        return "https://calendar.google.com/calendar/render?action=TEMPLATE"
                + "&text=" + encode(title)
                + "&dates=" + UTC.format(start) + "/" + UTC.format(end)
                + "&details=" + encode(description == null ? link : description + "\n\n" + link)
                + (location == null ? "" : "&location=" + encode(location));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** TEXT values escape backslash, semicolon, comma and newlines. */
    private static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** Content lines end in CRLF and fold at 75 octets without splitting a UTF-8 character. */
    private static void line(StringBuilder ics, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                ics.append("\r\n ");
                octets = 1;
            }
            ics.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append("\r\n");
    }
}

package dev.tavern.load.report;

import java.time.Duration;
import java.util.Locale;

/** How numbers read in the report: latencies in ms, rates per second, memory in MB. */
public final class Format {

    private Format() {
    }

    /** Two significant decimals below 10 ms, one below 100 ms, none above. */
    public static String ms(double millis) {
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        return millis < 100 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%,.0f", millis);
    }

    public static String rate(double perSecond) {
        return perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond) : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / (1024.0 * 1024.0));
    }

    public static String cores(double cores) {
        return String.format(Locale.ROOT, "%.2f", cores);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}

package dev.tavern.http.ratelimit;

import jakarta.enterprise.context.RequestScoped;

import io.smallrye.mutiny.Uni;

/** What this request counts against, and its window once counted, which the answer's headers tell. */
@RequestScoped
public class RateLimitedRequest {

    private final FixedWindows windows;
    private FixedWindows.Counting counting;
    private RateLimitWindow window;

    RateLimitedRequest(FixedWindows windows) {
        this.windows = windows;
    }

    void limitBy(FixedWindows.Counting counting) {
        this.counting = counting;
    }

    /** What to count, for a route whose own statement counts ({@link RateLimited#countedByRoute()}). */
    public FixedWindows.Counting counting() {
        if (counting == null) {
            throw new IllegalStateException("This route is not @RateLimited");
        }
        return counting;
    }

    /** Counts the request on its own, as the filter does; 429 when it is over the limit. */
    public Uni<RateLimitWindow> count() {
        return windows.count(counting()).map(this::counted);
    }

    /** Takes the window the request was counted in (by the route's statement, say); 429 when it is over the limit. */
    public RateLimitWindow counted(RateLimitWindow counted) {
        window = counted;
        return counted.admitted();
    }

    RateLimitWindow window() {
        return window;
    }
}

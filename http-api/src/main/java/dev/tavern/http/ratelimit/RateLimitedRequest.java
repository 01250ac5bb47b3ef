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

    /** Counts the request; 429 when it is over the limit. */
    Uni<RateLimitWindow> count() {
        if (counting == null) {
            throw new IllegalStateException("This route is not @RateLimited");
        }
        return windows.count(counting).map(counted -> {
            window = counted;
            return counted.admitted();
        });
    }

    RateLimitWindow window() {
        return window;
    }
}

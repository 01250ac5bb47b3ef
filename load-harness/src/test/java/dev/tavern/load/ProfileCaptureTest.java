package dev.tavern.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

class ProfileCaptureTest {

    @TempDir
    Path tempDir;

    @Test
    void aWindowWithoutACollectionReportsTheHeapTheLastCollectionLeft() throws Exception {
        Path file;
        Instant windowStart;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.GCHeapSummary");
            recording.enable("jdk.MetaspaceSummary");
            recording.enable("jdk.GarbageCollection");
            recording.start();
            System.gc();
            // Well after the collection, whatever the skew between JFR's clock and this one.
            windowStart = Instant.now().plusMillis(100);
            file = tempDir.resolve("quiet.jfr");
            recording.stop();
            recording.dump(file);
        }

        ProfileCapture.Profile quiet = ProfileCapture.summarize(file, windowStart, windowStart.plus(Duration.ofMinutes(1)), 5);

        assertThat(quiet.gcPauses()).isZero();
        assertThat(quiet.maxHeapUsedBytes()).isPositive();
        assertThat(quiet.maxHeapCommittedBytes()).isGreaterThanOrEqualTo(quiet.maxHeapUsedBytes());
        assertThat(quiet.maxMetaspaceCommittedBytes()).isPositive();
    }
}

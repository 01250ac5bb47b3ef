package dev.tavern.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * CPU profiles of the service processes with JDK Flight Recorder: a recording is started in each process with
 * {@code jcmd} (no restart, no JVM flag), dumped to a file, and its {@code jdk.ExecutionSample} events within a
 * scenario's time window are summed up by top frame: where that process spent its CPU while a goal was missed.
 */
public final class ProfileCapture {

    private static final String RECORDING = "tavern-load";
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);
    private static final int LIBRARY_DEPTH = 3;
    private static final int TAVERN_DEPTH = 4;
    /** {@code   12:        10000        1280000  io.vertx.core.http.impl.ServerWebSocketImpl (java.base@17)}. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");

    /** A method or package and its share of a window's samples. */
    public record Hotspot(String name, long samples, double share) {
    }

    /**
     * What one process did in one window: samples on CPU, the hottest methods (self time), the libraries on the
     * stack (each counted once per sample it appears in, the JDK left out), time in GC pauses, and the most heap and
     * metaspace it had (what of its RSS the JVM's own accounts explain).
     */
    public record Profile(long samples, List<Hotspot> methods, List<Hotspot> libraries, Duration gcPauses,
                          long maxHeapUsedBytes, long maxHeapCommittedBytes, long maxMetaspaceCommittedBytes) {
    }

    private ProfileCapture() {
    }

    /** Starts the continuous recording in a running JVM (JFR's default settings: about 1 % overhead). */
    public static void start(long pid) {
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=default", "maxsize=512m");
    }

    /** Writes what the process recorded so far to a file. */
    public static void dump(long pid, Path file) {
        jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    }

    /**
     * The samples of a recording taken between two instants, by top frame. Heap and metaspace are the most they held in
     * the window, counting what they held entering it: JFR reports them at each collection, and a window without one
     * holds what the last collection before it left.
     */
    public static Profile summarize(Path recording, Instant from, Instant to, int top) {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> libraries = new HashMap<>();
        long samples = 0;
        Duration gcPauses = Duration.ZERO;
        MemoryReadings heap = new MemoryReadings();
        MemoryReadings metaspace = new MemoryReadings();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isAfter(to)) {
                    continue;
                }
                boolean before = event.getStartTime().isBefore(from);
                String type = event.getEventType().getName();
                if (type.equals("jdk.GCHeapSummary")) {
                    heap.read(event, before, event.getLong("heapUsed"), ((Number) event.getValue("heapSpace.committedSize")).longValue());
                } else if (type.equals("jdk.MetaspaceSummary")) {
                    metaspace.read(event, before, 0, ((Number) event.getValue("metaspace.committed")).longValue());
                } else if (before) {
                    continue;
                } else if (type.equals("jdk.GarbageCollection")) {
                    gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
                } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null
                        && !event.getStackTrace().getFrames().isEmpty()) {
                    samples++;
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    RecordedMethod onCpu = frames.get(0).getMethod();
                    methods.merge(onCpu.getType().getName() + "." + onCpu.getName(), 1L, Long::sum);
                    frames.stream().map(frame -> libraryOf(frame.getMethod().getType().getName())).filter(Objects::nonNull)
                            .distinct().forEach(library -> libraries.merge(library, 1L, Long::sum));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + recording, e);
        }
        return new Profile(samples, hottest(methods, samples, top), hottest(libraries, samples, top), gcPauses, heap.maxUsed(),
                heap.maxCommitted(), metaspace.maxCommitted());
    }

    /** The most a memory pool used and committed within a window, and what it had entering it. */
    private static final class MemoryReadings {
        private Instant enteringAt = Instant.MIN;
        private long enteringUsed;
        private long enteringCommitted;
        private long used;
        private long committed;

        void read(RecordedEvent event, boolean beforeWindow, long usedBytes, long committedBytes) {
            if (!beforeWindow) {
                used = Math.max(used, usedBytes);
                committed = Math.max(committed, committedBytes);
            } else if (event.getStartTime().isAfter(enteringAt)) {
                enteringAt = event.getStartTime();
                enteringUsed = usedBytes;
                enteringCommitted = committedBytes;
            }
        }

        long maxUsed() {
            return Math.max(used, enteringUsed);
        }

        long maxCommitted() {
            return Math.max(committed, enteringCommitted);
        }
    }

    /**
     * The library a class belongs to, by package: {@code io.vertx.pgclient.impl.codec.DataRowDecoder} is
     * {@code io.vertx.pgclient}, Tavern's own classes go one level deeper ({@code dev.tavern.vtt.roll}), and the
     * JDK's are left out (null): they are under everything.
     */
    static String libraryOf(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return null;
        }
        String[] parts = className.split("\\.");
        int depth = Math.min(className.startsWith("dev.tavern.") ? TAVERN_DEPTH : LIBRARY_DEPTH, parts.length - 1);
        return depth <= 0 ? className : String.join(".", Arrays.copyOf(parts, depth));
    }

    private static List<Hotspot> hottest(Map<String, Long> counts, long samples, int top) {
        List<Hotspot> hotspots = new ArrayList<>();
        counts.forEach((name, count) -> hotspots.add(new Hotspot(name, count, samples == 0 ? 0 : (double) count / samples)));
        hotspots.sort(Comparator.comparingLong(Hotspot::samples).reversed());
        return hotspots.subList(0, Math.min(top, hotspots.size()));
    }

    /**
     * The live objects of a running JVM after a full GC ({@code GC.class_histogram}): what its heap must hold, whatever
     * the GC lets accumulate on top of it.
     */
    public static LiveSet liveSet(long pid, int top) {
        List<LiveSet.ClassShare> classes = new ArrayList<>();
        long bytes = 0;
        for (String row : jcmd(pid, "GC.class_histogram").split("\n")) {
            Matcher matcher = HISTOGRAM_ROW.matcher(row);
            if (matcher.matches()) {
                long classBytes = Long.parseLong(matcher.group(2));
                bytes += classBytes;
                classes.add(new LiveSet.ClassShare(matcher.group(3), Long.parseLong(matcher.group(1)), classBytes));
            }
        }
        classes.sort(Comparator.comparingLong(LiveSet.ClassShare::bytes).reversed());
        return new LiveSet(bytes, classes.subList(0, Math.min(top, classes.size())));
    }

    /** A heap's live objects in bytes, and the classes that hold most of them. */
    public record LiveSet(long bytes, List<ClassShare> largest) {
        public record ClassShare(String className, long instances, long bytes) {
        }
    }

    /** Runs jcmd with its output in a file: a class histogram is larger than a pipe holds before jcmd would block. */
    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Path output = null;
        try {
            output = Files.createTempFile("tavern-jcmd", ".txt");
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish within " + JCMD_TIMEOUT);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}

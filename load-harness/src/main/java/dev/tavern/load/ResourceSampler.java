package dev.tavern.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Once a second, the CPU (in cores) and resident memory of each process of the run, read from /proc: the services,
 * PostgreSQL with its backends, the whole machine, and this JVM split by thread into the load generator and the
 * Kafka broker it embeds (the JVM's own GC and JIT threads are not Java threads and make up the rest).
 */
public final class ResourceSampler implements AutoCloseable {

    public static final String MACHINE = "machine (all processes)";
    public static final String GENERATOR = "load generator (harness threads)";
    public static final String BROKER = "Kafka broker (in the harness JVM)";
    public static final String HARNESS_JVM = "harness JVM (GC, JIT, other)";

    /** USER_HZ: /proc counts CPU time in ticks of 1/100 s on Linux. */
    private static final double TICKS_PER_SECOND = 100;
    private static final long PAGE_BYTES = 4096;

    /**
     * @param rssBytes resident memory: of one process its RSS; of a group of processes (PostgreSQL's server and
     *                 backends) the sum of their proportional set sizes, since their RSS would count the memory they
     *                 share (PostgreSQL's shared buffers) once per process
     */
    public record Sample(Instant at, String process, double cpuCores, long rssBytes) {
    }

    /** One process over a window: average and peak CPU in cores, peak RSS. */
    public record Usage(String process, double avgCores, double maxCores, long maxRssBytes) {
    }

    private final Map<String, Supplier<List<Long>>> processes;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> lastTicks = new HashMap<>();
    private final Map<Long, Long> lastThreadNanos = new HashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long lastHarnessTicks = -1;
    private long lastMachineBusy = -1;
    private long lastMachineTotal;
    private long lastSampleNanos;

    /** @param processes by name, the process ids to sum (re-read every second: a restarted service gets a new one) */
    public ResourceSampler(Map<String, Supplier<List<Long>>> processes) {
        this.processes = new LinkedHashMap<>(processes);
    }

    public void start() {
        lastSampleNanos = System.nanoTime();
        sample();
        ticker.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Per process, what it used between two instants, in the order processes were named. */
    public List<Usage> usage(Instant from, Instant to) {
        Map<String, List<Sample>> byProcess = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (!sample.at().isBefore(from) && !sample.at().isAfter(to)) {
                byProcess.computeIfAbsent(sample.process(), p -> new ArrayList<>()).add(sample);
            }
        }
        List<Usage> usage = new ArrayList<>();
        byProcess.forEach((process, window) -> usage.add(new Usage(process,
                window.stream().mapToDouble(Sample::cpuCores).average().orElse(0),
                window.stream().mapToDouble(Sample::cpuCores).max().orElse(0),
                window.stream().mapToLong(Sample::rssBytes).max().orElse(0))));
        return usage;
    }

    /** Waits until the whole machine uses less than {@code cores} for {@code calm}, or {@code atMost} has passed. */
    public void awaitQuiet(double cores, Duration calm, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        Instant calmSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Sample last = samples.stream().filter(s -> s.process().equals(MACHINE)).reduce((a, b) -> b).orElse(null);
            if (last != null && last.cpuCores() >= cores) {
                calmSince = Instant.now();
            } else if (Duration.between(calmSince, Instant.now()).compareTo(calm) >= 0) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private synchronized void sample() {
        try {
            Instant at = Instant.now();
            long now = System.nanoTime();
            double seconds = Math.max(1e-3, (now - lastSampleNanos) / 1e9);
            lastSampleNanos = now;
            Map<Long, Long> seenTicks = new HashMap<>();
            processes.forEach((name, group) -> {
                double ticks = 0;
                long rss = 0;
                List<Long> pids = group.get();
                for (long pid : pids) {
                    long[] stat = stat(pid);
                    if (stat == null) {
                        continue;
                    }
                    seenTicks.put(pid, stat[0]);
                    Long before = lastTicks.get(pid);
                    ticks += before == null ? 0 : stat[0] - before;
                    rss += pids.size() == 1 ? stat[1] : proportionalBytes(pid);
                }
                samples.add(new Sample(at, name, ticks / TICKS_PER_SECOND / seconds, rss));
            });
            lastTicks.clear();
            lastTicks.putAll(seenTicks);
            sampleHarness(at, seconds);
            sampleMachine(at);
        } catch (RuntimeException e) {
            // A process that ended between listing and reading; the next second sees it gone.
        }
    }

    /** Splits this JVM's CPU by thread name: the generator's threads, the broker's, and what no Java thread did. */
    private void sampleHarness(Instant at, double seconds) {
        long pid = ProcessHandle.current().pid();
        long[] stat = stat(pid);
        if (stat == null) {
            return;
        }
        double processCores = lastHarnessTicks < 0 ? 0 : (stat[0] - lastHarnessTicks) / TICKS_PER_SECOND / seconds;
        lastHarnessTicks = stat[0];
        double generatorNanos = 0;
        double brokerNanos = 0;
        Map<Long, Long> seen = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            seen.put(info.getThreadId(), cpu);
            long delta = cpu - lastThreadNanos.getOrDefault(info.getThreadId(), cpu);
            if (isGenerator(info.getThreadName())) {
                generatorNanos += delta;
            } else {
                brokerNanos += delta;
            }
        }
        lastThreadNanos.clear();
        lastThreadNanos.putAll(seen);
        double generator = generatorNanos / 1e9 / seconds;
        double broker = brokerNanos / 1e9 / seconds;
        samples.add(new Sample(at, GENERATOR, generator, 0));
        samples.add(new Sample(at, BROKER, broker, 0));
        samples.add(new Sample(at, HARNESS_JVM, Math.max(0, processCores - generator - broker), stat[1]));
    }

    /** Vert.x clients and servers, the schedulers and samplers of the harness, and its main thread. */
    private static boolean isGenerator(String threadName) {
        return threadName.startsWith("vert.x-") || threadName.startsWith("load-") || threadName.equals("main");
    }

    private void sampleMachine(Instant at) {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long busy = total - idle;
            double cores = 0;
            if (lastMachineBusy >= 0 && total > lastMachineTotal) {
                cores = (double) (busy - lastMachineBusy) / (total - lastMachineTotal) * Runtime.getRuntime().availableProcessors();
            }
            lastMachineBusy = busy;
            lastMachineTotal = total;
            samples.add(new Sample(at, MACHINE, cores, usedMemoryBytes()));
        } catch (IOException e) {
            // Not Linux: no machine line.
        }
    }

    private static long usedMemoryBytes() throws IOException {
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = kilobytes(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kilobytes(line);
            }
        }
        return (total - available) * 1024;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    /** The process's share of the memory it maps (its own pages, plus each shared page divided by its sharers). */
    private static long proportionalBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return kilobytes(line) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // Ended meanwhile.
        }
        return 0;
    }

    /** A process's resident memory now, in bytes; 0 when it is gone. */
    public static long residentBytes(long pid) {
        long[] stat = stat(pid);
        return stat == null ? 0 : stat[1];
    }

    /** utime + stime in ticks, and RSS in bytes; null when the process is gone. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces and parentheses: fields are counted after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = Long.parseLong(fields[21]) * PAGE_BYTES;
            return new long[] {ticks, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

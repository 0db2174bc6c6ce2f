package io.firstparty.system.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One component of the platform run as an operating-system process, its output appended to a log
 * file. It can be stopped politely (SIGTERM) or killed (SIGKILL) and started again, as the fault
 * tests do.
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path log;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment,
                          Path workingDirectory, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            killLeftover();
            process = builder.start();
            Files.writeString(pidFile(), process.pid() + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Where the pid is kept, so that a run killed before it could stop its processes is cleaned up by the next. */
    private Path pidFile() throws IOException {
        Path pids = log.getParent().resolveSibling("pids");
        Files.createDirectories(pids);
        return pids.resolve(name + ".pid");
    }

    /** A process of this name that an earlier, killed run left behind (it would hold the ports). */
    private void killLeftover() throws IOException {
        if (!Files.exists(pidFile())) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile()).trim());
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(leftover -> {
            leftover.descendants().forEach(ProcessHandle::destroyForcibly);
            leftover.destroyForcibly();
            leftover.onExit().join();
        });
        Files.delete(pidFile());
    }

    /** The exit code of the process that ended; -1 while it runs or before it started. */
    public synchronized int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, children first (a launcher script may have started the JVM as its child). */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(20));
    }

    /** SIGTERM, then SIGKILL if it has not ended within the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!awaitExit(grace)) {
            kill();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails fast with the end of the log when the process died while something waited for it. */
    void checkAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited; last lines of " + log + ":\n" + Logs.tail(log, 40));
        }
    }
}

package io.firstparty.system.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for components to answer. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    public static int status(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls until {@code url} answers 200, failing with the process's log if it dies or the time runs out. */
    public static void awaitOk(ManagedProcess process, String url, Duration timeout) {
        await(process.name() + " at " + url, timeout, () -> {
            process.checkAlive();
            return status(url) == 200;
        }, process);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition, ManagedProcess process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String tail = process == null ? "" : "\nlast lines of " + process.log() + ":\n" + Logs.tail(process.log(), 40);
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what + tail);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}

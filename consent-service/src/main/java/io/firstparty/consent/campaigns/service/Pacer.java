package io.firstparty.consent.campaigns.service;

import java.util.concurrent.TimeUnit;

/** Spaces the e-mails of one replica at most {@code perSecond} a second, whichever thread sends them. */
final class Pacer {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    Pacer(double perSecond) {
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
    }

    void await() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}

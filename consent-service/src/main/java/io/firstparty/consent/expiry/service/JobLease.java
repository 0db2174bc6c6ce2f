package io.firstparty.consent.expiry.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;

/**
 * A lease in the database that lets one replica at a time run a job: the holder keeps it until it
 * lapses, so a job that must run once per period runs once however many replicas wake up.
 */
@ApplicationScoped
public class JobLease {

    private final EntityManager entityManager;

    JobLease(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return whether {@code holder} holds the lease for {@code duration} from now */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean acquire(String job, String holder, Duration duration) {
        return entityManager.createNativeQuery("""
                        INSERT INTO job_lease (name, holder, expires_at)
                        VALUES (?1, ?2, now() + make_interval(secs => ?3))
                        ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                        WHERE job_lease.expires_at < now() OR job_lease.holder = EXCLUDED.holder""")
                .setParameter(1, job)
                .setParameter(2, holder)
                .setParameter(3, (double) duration.toMillis() / 1000)
                .executeUpdate() == 1;
    }
}

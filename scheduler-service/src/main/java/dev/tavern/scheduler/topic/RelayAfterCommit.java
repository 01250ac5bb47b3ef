package dev.tavern.scheduler.topic;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.tavern.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * Wakes the relay once a {@code @WithTransaction} method that wrote outbox records has committed, so they go out at
 * once instead of at the next poll, and without a NOTIFY, which would serialise every commit of the schema.
 *
 * <p>It binds to {@code @WithTransaction} itself, just outside Quarkus's own interceptor (priority 200): the Uni it sees
 * completes after the commit. A nested {@code @WithTransaction} joins the outer transaction, so only the outermost
 * method wakes the relay. Records written in a transaction opened some other way wait for the relay's poll.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
class RelayAfterCommit {

    private static final String TRANSACTION = "tavern.outbox.transaction";

    private final Outbox outbox;

    RelayAfterCommit(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What the transaction under way on this context has written, if one is. */
    static final class Transaction {
        boolean wroteRecords;
    }

    /** Notes that the transaction under way, if any, wrote an outbox record. */
    static void recordWritten() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.<Transaction>get(TRANSACTION).ifPresent(transaction -> transaction.wroteRecords = true);
        }
    }

    @AroundInvoke
    Object wakeRelayAfterCommit(InvocationContext invocation) throws Exception {
        if (!Uni.class.isAssignableFrom(invocation.getMethod().getReturnType()) || !VertxContext.isOnDuplicatedContext()) {
            return invocation.proceed();
        }
        return Uni.createFrom().deferred(() -> {
            if (ContextLocals.get(TRANSACTION).isPresent()) {
                return proceed(invocation);
            }
            Transaction transaction = new Transaction();
            ContextLocals.put(TRANSACTION, transaction);
            return proceed(invocation)
                    .onTermination().invoke(() -> ContextLocals.remove(TRANSACTION))
                    .invoke(() -> {
                        if (transaction.wroteRecords) {
                            outbox.committed();
                        }
                    });
        });
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext invocation) {
        try {
            return (Uni<Object>) invocation.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }
}

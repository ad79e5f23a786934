package io.hearth.server.messaging;

import static java.util.Objects.requireNonNull;

import io.hearth.server.auth.AuditLog;
import io.hearth.server.auth.Authenticator;
import io.hearth.server.event.EventChannel;
import io.hearth.server.event.Outbox;
import io.hearth.server.job.JobService;
import io.hearth.server.statement.StatementService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hearth on message brokers: the MQTT and Kafka event channels (for the event dispatcher, which
 * owns and closes them) and, with {@code messaging.requests.enabled}, the consumers that take
 * statements and jobs from the brokers' requests topics (owned and closed here).
 */
public final class Messaging implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Messaging.class);

    private final List<EventChannel> channels;
    private final List<AutoCloseable> consumers;

    private Messaging(List<EventChannel> channels, List<AutoCloseable> consumers) {
        this.channels = List.copyOf(channels);
        this.consumers = List.copyOf(consumers);
    }

    /** Builds the enabled channels and starts the enabled request consumers. */
    public static Messaging start(
            MessagingConfig config,
            Authenticator authenticator,
            StatementService statements,
            JobService jobs,
            Outbox outbox,
            AuditLog audit,
            Clock clock) {
        requireNonNull(config, "config is null");
        List<EventChannel> channels = new ArrayList<>();
        if (config.mqtt().enabled()) {
            channels.add(new MqttChannel(config.mqtt()));
        }
        if (config.kafka().enabled()) {
            channels.add(new KafkaChannel(config.kafka()));
        }
        List<AutoCloseable> consumers = new ArrayList<>();
        if (config.requestsEnabled()) {
            MessageRequests requests = new MessageRequests(
                    authenticator,
                    statements,
                    jobs,
                    outbox,
                    audit,
                    clock,
                    () -> UUID.randomUUID().toString());
            try {
                if (config.mqtt().enabled()) {
                    consumers.add(new MqttRequestConsumer(config.mqtt(), requests).start());
                }
                if (config.kafka().enabled()) {
                    consumers.add(new KafkaRequestConsumer(config.kafka(), requests).start());
                }
            } catch (RuntimeException e) {
                closeAll(consumers);
                channels.forEach(EventChannel::close);
                throw e;
            }
        }
        if (!channels.isEmpty()) {
            log.info(
                    "Messaging: events to {}; requests by message {}",
                    channels.stream().map(EventChannel::name).toList(),
                    config.requestsEnabled() ? "on" : "off");
        }
        return new Messaging(channels, consumers);
    }

    /** The event channels of the enabled brokers, for the event dispatcher (which closes them). */
    public List<EventChannel> channels() {
        return channels;
    }

    /** Stops taking requests. */
    @Override
    public void close() {
        closeAll(consumers);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing {} failed", closeable.getClass().getSimpleName(), e);
            }
        }
    }
}

-- Vertok schema, version 2: domain events through a transactional outbox (docs/events.md).

-- Every acknowledged write that changed something adds its event here in the same transaction;
-- the relay publishes the rows in id order and deletes them once the broker (or the in-process
-- consumers) confirmed them.
CREATE TABLE outbox (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  event_id   CHAR(36)     NOT NULL,
  event_type VARCHAR(64)  NOT NULL,
  order_key  VARCHAR(64)  NOT NULL,
  payload    VARCHAR(1024) NOT NULL,
  created_at BIGINT       NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What each consumer has applied, by event id: a redelivered event changes nothing. Rows older
-- than a week are pruned. occurred_at → consumed_at is the event's lag.
CREATE TABLE consumed_events (
  consumer    VARCHAR(32) NOT NULL,
  event_id    CHAR(36)    NOT NULL,
  occurred_at BIGINT      NOT NULL,
  consumed_at BIGINT      NOT NULL,
  PRIMARY KEY (consumer, event_id),
  KEY idx_consumed_time (consumed_at)
) ENGINE=InnoDB;

-- Events a consumer could not apply (after its retries), for operators; without a broker this is
-- the dead-letter queue.
CREATE TABLE dead_events (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  consumer   VARCHAR(32)   NOT NULL,
  event_id   CHAR(36)      NOT NULL,
  event_type VARCHAR(64)   NOT NULL,
  payload    VARCHAR(1024) NOT NULL,
  reason     VARCHAR(1024) NOT NULL,
  dead_at    BIGINT        NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The hot ranking's inputs (video domain): one row per like or comment of the last 24 hours that
-- still stands, keyed by what it is (like:<user>:<video>, comment:<id>).
CREATE TABLE hot_signals (
  signal_key VARCHAR(64) NOT NULL,
  video_id   BIGINT      NOT NULL,
  weight     INT         NOT NULL,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (signal_key),
  KEY idx_hot_time (created_at)
) ENGINE=InnoDB;

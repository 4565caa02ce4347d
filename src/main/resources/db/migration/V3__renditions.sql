-- Vertok schema, version 3: web-safe renditions made by durable media jobs (docs/media.md).

-- The rendition's URL (what the object storage answered), once a job made it: play_url keeps the
-- original, and the video plays the rendition when there is one.
ALTER TABLE videos ADD COLUMN rendition_url VARCHAR(1024) NULL;

-- One job per published video, recorded in the publish transaction. state: waiting (not yet on the
-- broker, or without a broker: ready to be taken once not_before has passed), queued (confirmed by
-- the broker), running (taken by a worker until lease_until), done, dead (failed every attempt).
CREATE TABLE media_jobs (
  video_id      BIGINT        NOT NULL,
  original_key  VARCHAR(255)  NOT NULL,
  state         VARCHAR(16)   NOT NULL,
  attempts      INT           NOT NULL DEFAULT 0,
  lease_until   BIGINT        NOT NULL DEFAULT 0,
  rendition_key VARCHAR(255)  NULL,
  reason        VARCHAR(1024) NULL,
  created_at    BIGINT        NOT NULL,
  updated_at    BIGINT        NOT NULL,
  PRIMARY KEY (video_id),
  KEY idx_media_jobs_state (state, lease_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Vertok schema, version 4: danmaku (bullet comments timed to the video, docs/api.md) and the
-- videos' durations they are timed against.

-- The duration FFmpeg found at publish, in ms; 0 when unknown (videos published before this version).
ALTER TABLE videos ADD COLUMN duration_ms BIGINT NOT NULL DEFAULT 0;

-- Read by video and window of progress; the per-user limits read a user's last minute.
CREATE TABLE danmaku (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  video_id    BIGINT       NOT NULL,
  user_id     BIGINT       NOT NULL,
  content     VARCHAR(400) NOT NULL,
  progress_ms BIGINT       NOT NULL,
  mode        INT          NOT NULL,
  color       INT          NOT NULL,
  font_size   INT          NOT NULL,
  created_at  BIGINT       NOT NULL,
  PRIMARY KEY (id),
  KEY idx_danmaku_video (video_id, progress_ms, id),
  KEY idx_danmaku_user (user_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per user who posted a danmaku: a post locks its author's row first, so that two posts of
-- one user at once are checked against the limits one after the other, on every node.
CREATE TABLE danmaku_senders (
  user_id BIGINT NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Vertok schema, version 1: every table the Douyin API needs.
-- One script for MariaDB/MySQL and for H2 in MySQL mode. Times are epoch milliseconds (BIGINT),
-- so no time zone or DATETIME precision question arises on either engine.
-- Each domain owns its tables and writes only those; counters live beside the facts they count
-- and change in the same transaction. See docs/schema.md.

-- user domain
CREATE TABLE users (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  username         VARCHAR(128)  NOT NULL,
  password_hash    VARCHAR(100)  NOT NULL,
  avatar           VARCHAR(1024) NULL,
  background_image VARCHAR(1024) NULL,
  signature        VARCHAR(1024) NULL,
  created_at       BIGINT        NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- video domain
CREATE TABLE videos (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  author_id  BIGINT        NOT NULL,
  title      VARCHAR(1024) NOT NULL,
  play_url   VARCHAR(1024) NOT NULL,
  cover_url  VARCHAR(1024) NOT NULL,
  storage    VARCHAR(16)   NOT NULL,
  created_at BIGINT        NOT NULL,
  PRIMARY KEY (id),
  KEY idx_videos_created (created_at, id),
  KEY idx_videos_author (author_id, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE video_user_stats (
  user_id    BIGINT NOT NULL,
  work_count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;

-- favorite domain
CREATE TABLE favorites (
  user_id    BIGINT NOT NULL,
  video_id   BIGINT NOT NULL,
  author_id  BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, video_id),
  KEY idx_favorites_user_time (user_id, created_at),
  KEY idx_favorites_video (video_id)
) ENGINE=InnoDB;

CREATE TABLE favorite_video_stats (
  video_id       BIGINT NOT NULL,
  favorite_count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (video_id)
) ENGINE=InnoDB;

CREATE TABLE favorite_user_stats (
  user_id         BIGINT NOT NULL,
  favorite_count  BIGINT NOT NULL DEFAULT 0,
  total_favorited BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;

-- comment domain
CREATE TABLE comments (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  video_id   BIGINT        NOT NULL,
  user_id    BIGINT        NOT NULL,
  content    VARCHAR(4096) NOT NULL,
  created_at BIGINT        NOT NULL,
  PRIMARY KEY (id),
  KEY idx_comments_video (video_id, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE comment_video_stats (
  video_id      BIGINT NOT NULL,
  comment_count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (video_id)
) ENGINE=InnoDB;

-- relation domain
CREATE TABLE follows (
  follower_id BIGINT NOT NULL,
  followee_id BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (follower_id, followee_id),
  KEY idx_follows_follower_time (follower_id, created_at),
  KEY idx_follows_followee_time (followee_id, created_at)
) ENGINE=InnoDB;

CREATE TABLE relation_user_stats (
  user_id        BIGINT NOT NULL,
  follow_count   BIGINT NOT NULL DEFAULT 0,
  follower_count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;

-- message domain
CREATE TABLE messages (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  user_lo      BIGINT        NOT NULL,
  user_hi      BIGINT        NOT NULL,
  from_user_id BIGINT        NOT NULL,
  to_user_id   BIGINT        NOT NULL,
  content      VARCHAR(4096) NOT NULL,
  created_at   BIGINT        NOT NULL,
  PRIMARY KEY (id),
  KEY idx_messages_pair_time (user_lo, user_hi, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per pair of users who have exchanged messages: serialises sends within a conversation
-- (so create_time grows strictly in commit order) and points at the latest message.
CREATE TABLE conversations (
  user_lo         BIGINT NOT NULL,
  user_hi         BIGINT NOT NULL,
  last_time       BIGINT NOT NULL,
  last_message_id BIGINT NOT NULL,
  PRIMARY KEY (user_lo, user_hi)
) ENGINE=InnoDB;

-- Vertok schema, version 6: the recommend domain's state (docs/recommend.md). The domain keeps its
-- own copy of what it ranks by, fed by the domain events (the `recommend` subscription), and the
-- impressions the gateway records on recommended pages.

-- Per video: its author, when it was published and its standing likes.
CREATE TABLE rec_videos (
  video_id   BIGINT NOT NULL,
  author_id  BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  like_count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (video_id),
  KEY idx_rec_videos_time (created_at),
  KEY idx_rec_videos_author (author_id, created_at)
) ENGINE=InnoDB;

-- Per user: the ids of their most recent likes, newest first, comma-separated (at most 10).
CREATE TABLE rec_users (
  user_id      BIGINT       NOT NULL,
  recent_likes VARCHAR(255) NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB;

-- Every standing like (never recommend a video already liked).
CREATE TABLE rec_likes (
  user_id    BIGINT NOT NULL,
  video_id   BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, video_id)
) ENGINE=InnoDB;

-- Item to item: how often video_id and other_id were liked by one user close together.
CREATE TABLE rec_colikes (
  video_id BIGINT NOT NULL,
  other_id BIGINT NOT NULL,
  weight   BIGINT NOT NULL,
  PRIMARY KEY (video_id, other_id)
) ENGINE=InnoDB;

-- Who follows whom (new videos of followed authors).
CREATE TABLE rec_follows (
  follower_id BIGINT NOT NULL,
  followee_id BIGINT NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
) ENGINE=InnoDB;

-- One row per recommended page served to a viewer with a token: the ids it showed, comma-separated.
-- Read for the last day (no video twice a day), pruned after it.
CREATE TABLE rec_impressions (
  id        BIGINT        NOT NULL AUTO_INCREMENT,
  viewer_id BIGINT        NOT NULL,
  served_at BIGINT        NOT NULL,
  video_ids VARCHAR(1024) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_rec_impressions_viewer (viewer_id, served_at),
  KEY idx_rec_impressions_time (served_at)
) ENGINE=InnoDB;

-- What existed before this version: videos, likes and follows (co-likes start from new likes).
INSERT INTO rec_videos (video_id, author_id, created_at, like_count)
  SELECT v.id, v.author_id, v.created_at, COALESCE(s.favorite_count, 0)
  FROM videos v LEFT JOIN favorite_video_stats s ON s.video_id = v.id;
INSERT INTO rec_likes (user_id, video_id, created_at) SELECT user_id, video_id, created_at FROM favorites;
INSERT INTO rec_follows (follower_id, followee_id) SELECT follower_id, followee_id FROM follows;

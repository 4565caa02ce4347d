-- Vertok schema, version 5: the counters thousands of writers move at once (a hot video's likes,
-- a big V's likes received and followers) are kept in slots, so that concurrent writers do not
-- queue on one row lock (docs/performance.md, "Hot rows"). A counter is the sum of its rows
-- (key, slot); a write moves slot 0, or while the counter is hot the slot of its actor (the
-- liker, the follower). The counts of before this version stay whole in slot 0.
ALTER TABLE favorite_video_stats ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE favorite_video_stats DROP PRIMARY KEY;
ALTER TABLE favorite_video_stats ADD PRIMARY KEY (video_id, slot);

ALTER TABLE favorite_user_stats ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE favorite_user_stats DROP PRIMARY KEY;
ALTER TABLE favorite_user_stats ADD PRIMARY KEY (user_id, slot);

ALTER TABLE relation_user_stats ADD COLUMN slot SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE relation_user_stats DROP PRIMARY KEY;
ALTER TABLE relation_user_stats ADD PRIMARY KEY (user_id, slot);

-- Vertok schema, version 7: the order of the recommend domain's co-likes.
-- A recommended page reads each recent like's strongest co-likes (docs/recommend.md): by this
-- index, a bounded range however many videos a popular one was liked with.
CREATE INDEX idx_rec_colikes_weight ON rec_colikes (video_id, weight);

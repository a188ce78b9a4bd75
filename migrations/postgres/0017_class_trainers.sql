-- The trainers of a class: the one who opened it and the colleagues added since. A trainer acts
-- on a class, and on its learners, only when listed here.
CREATE TABLE class_trainers (
    class_id BIGINT NOT NULL REFERENCES classes (id),
    trainer_id BIGINT NOT NULL REFERENCES users (id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (class_id, trainer_id)
);

CREATE INDEX class_trainers_trainer ON class_trainers (trainer_id);

INSERT INTO class_trainers (class_id, trainer_id, added_at)
SELECT id, trainer_id, created_at FROM classes;

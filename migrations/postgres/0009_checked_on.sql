-- The day a lesson's facts were last checked (front matter `checked:`), shown to learners.
ALTER TABLE lessons ADD COLUMN checked_on TEXT;

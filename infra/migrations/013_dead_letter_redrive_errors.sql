-- Why the last re-drive asked for through the api failed (DeadLetterRedriveFailed), and when, so
-- the operator who clicked Re-drive sees it beside the letter, which stays open. Null: never
-- tried that way, or the last try succeeded (a re-drive clears them).
ALTER TABLE dead_letters ADD COLUMN last_redrive_error TEXT, ADD COLUMN last_redrive_attempt_at TIMESTAMPTZ;

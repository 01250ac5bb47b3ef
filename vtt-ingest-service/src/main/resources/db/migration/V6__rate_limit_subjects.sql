-- The windows are counted by the shared @RateLimited (http-api), which names what it counts by a subject (here the
-- API key's connection) and a limit's name.
ALTER TABLE rate_limit_window RENAME COLUMN connection_id TO subject;
ALTER TABLE rate_limit_window ALTER COLUMN subject TYPE TEXT USING subject::text;
ALTER TABLE rate_limit_window RENAME COLUMN endpoint TO name;
UPDATE rate_limit_window SET name = CASE name WHEN 'TEST' THEN 'test' WHEN 'DICE_ROLL' THEN 'dice-roll' ELSE name END;

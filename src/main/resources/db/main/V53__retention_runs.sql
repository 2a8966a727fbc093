-- The last retention run (one row, id 1), whichever node or command made it: the admin screen shows it so a
-- stalled job is noticed. Counts only.
CREATE TABLE retention_runs (
  id         INT PRIMARY KEY,
  ran_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  buckets    INT NOT NULL,
  shipments  INT NOT NULL
);

-- Each shipment's last event number, kept in its row: a scan's guarded update takes the next number from the row it
-- locks and inserts the event from that update's result, in one statement (docs/benchmarks/hot-paths.md), rather
-- than an update, a MAX(seq) sub-select and an insert. A writer that appends events without it (an older node during
-- a rolling upgrade, a store copied from H2) leaves it behind; the scan then finds the number taken and falls back to
-- MAX(seq) + 1, which also brings the counter up to date. On Citus both tables are distributed by waybill and
-- co-located, so the back-fill below joins shard by shard.
ALTER TABLE shipments ADD COLUMN event_seq INT NOT NULL DEFAULT 0;

UPDATE shipments s SET event_seq = e.last
  FROM (SELECT waybill, MAX(seq) AS last FROM shipment_events GROUP BY waybill) e
  WHERE s.waybill = e.waybill;

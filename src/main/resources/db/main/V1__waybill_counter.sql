-- Counter blocks for waybill numbering: each node leases a block and issues from it without coordination.
CREATE TABLE waybill_counter (
  id         INT PRIMARY KEY,
  next_value BIGINT NOT NULL
);
INSERT INTO waybill_counter (id, next_value) VALUES (1, 0);

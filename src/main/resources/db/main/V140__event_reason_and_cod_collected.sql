-- What a failed delivery attempt ran into (ABSENT, REFUSED, ADDRESS_WRONG, DAMAGED, MISROUTED, OTHER) and, for a
-- delivery with cash on delivery recorded by its courier, that the courier confirmed the cash was collected. Both
-- are kept with the event they belong to; neither holds personal data. shipment_events is distributed by waybill on
-- Citus (V85, V92): ALTER TABLE on a distributed table reaches every shard, so the columns need no placement of
-- their own.
ALTER TABLE shipment_events ADD COLUMN reason VARCHAR(16);
ALTER TABLE shipment_events ADD COLUMN cod_collected BOOLEAN;

-- The station's lists (StationParcels, docs/lists.md): parcels whose scans were at a station, and parcels on their
-- way to a district or through a hub. Without these each list would read every scan and every shipment. Indexes
-- only, no table: on Citus they are made on every shard of the distributed tables they belong to.
CREATE INDEX shipment_events_station ON shipment_events (station_code, waybill) WHERE station_code IS NOT NULL;
CREATE INDEX shipments_destination_state ON shipments (dest_province, dest_city, dest_district, state);
CREATE INDEX shipments_sort_code_prefix ON shipments (sort_code varchar_pattern_ops, state);

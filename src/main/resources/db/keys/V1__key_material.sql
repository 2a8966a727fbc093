-- The key store, kept apart from shipment data so that a backup of the shipments never holds their keys.
-- material is encrypted under the master key; destroying a key sets it to NULL (crypto-shredding).
CREATE TABLE key_material (
  name         VARCHAR(100) NOT NULL,
  version      INT          NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  state        VARCHAR(16)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  destroyed_at TIMESTAMP WITH TIME ZONE,
  material     VARCHAR(4000),
  PRIMARY KEY (name, version)
);

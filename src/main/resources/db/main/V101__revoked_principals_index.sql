-- Every serving node reads the revocation mark (how many principals are revoked, and the latest revocation) a few
-- times a second to keep its token cache honest (access.TokenCache); this index keeps that read small however many
-- principals there are. On Citus principals is a reference table and the index follows it to every node.
CREATE INDEX principals_revoked ON principals (revoked_at) WHERE revoked_at IS NOT NULL;

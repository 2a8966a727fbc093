// Seals one order's recipient for ParcelVeil, as a marketplace does (docs/sealed-orders.md).
//
//   npm install @hpke/core@1.9.0 @hpke/dhkem-x25519@1.8.0
//   node seal.mjs https://parcels.example.cn <platformId> <orderId> <merchantId> '<party JSON>'
//
// Prints the sealed value (pvs1.<keyId>.<enc>.<ciphertext>) to hand to the shop with the order.
// The first argument may also be a file holding the answer of GET /v1/intake/key.
import { readFile } from "node:fs/promises";
import { Aes256Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";

const [source, platform, orderId, merchant, party] = process.argv.slice(2);

const b64url = {
  decode: (s) => new Uint8Array(Buffer.from(s, "base64url")),
  encode: (b) => Buffer.from(new Uint8Array(b)).toString("base64url"), // base64url without padding
};

// The key to seal to is the first one listed.
const published = source.startsWith("http")
  ? await (await fetch(new URL("/v1/intake/key", source))).json()
  : JSON.parse(await readFile(source, "utf8"));
const key = published.keys[0];

const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});
const recipientPublicKey = await suite.kem.deserializePublicKey(b64url.decode(key.publicKey).buffer);
const info = new TextEncoder().encode("parcelveil intake v1");
// The associated data binds the blob to this platform, this order and this merchant.
const aad = new TextEncoder().encode(`${platform}|${orderId}|${merchant}`);
const plaintext = new TextEncoder().encode(JSON.stringify(JSON.parse(party)));

const sender = await suite.createSenderContext({ recipientPublicKey, info });
const ciphertext = await sender.seal(plaintext.buffer, aad.buffer);
console.log(`pvs1.${key.keyId}.${b64url.encode(sender.enc)}.${b64url.encode(ciphertext)}`);

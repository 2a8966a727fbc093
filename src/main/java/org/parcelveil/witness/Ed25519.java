package org.parcelveil.witness;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** RFC 8032 Ed25519 through Bouncy Castle, as the audit log signs its notes. */
final class Ed25519 {
  private Ed25519() {}

  static byte[] publicKey(byte[] seed) {
    return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
  }

  static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}

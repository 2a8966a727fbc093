package org.parcelveil.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks RFC 9162 (section 2.1.3.2 and 2.1.4.2) inclusion and consistency proofs, as a client or witness of the log
 * does. It knows nothing of how the log stores its tree.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** The RFC 6962 hash of a leaf whose bytes are {@code entry}. */
  public static byte[] leafHash(byte[] entry) {
    return Hashes.leaf(entry);
  }

  /** True if {@code proof} shows the leaf with {@code leafHash} at {@code index} in the tree of {@code size} with
   * {@code root}. */
  public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size || !sized(leafHash) || !sized(root) || !proof.stream().allMatch(MerkleProofs::sized)) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Hashes.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Hashes.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /** True if {@code proof} shows that the tree of {@code size2} with {@code root2} extends the tree of {@code size1}
   * with {@code root1}. */
  public static boolean verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    if (size1 < 0 || size1 > size2 || !proof.stream().allMatch(MerkleProofs::sized)) {
      return false;
    }
    if (size1 == size2) {
      return proof.isEmpty() && MessageDigest.isEqual(root1, root2);
    }
    if (size1 == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty() || !sized(root1) || !sized(root2)) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(proof);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Hashes.node(c, fr);
        sr = Hashes.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Hashes.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2);
  }

  private static boolean sized(byte[] hash) {
    return hash != null && hash.length == Hashes.SIZE;
  }
}

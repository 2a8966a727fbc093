package org.parcelveil.audit;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.parcelveil.witness.VerifierKey;

/**
 * The witnesses the log takes its checkpoints to: each one's URL (its submission prefix, without
 * {@code /add-checkpoint}) and its pinned verifier key, in pairs by position, and how many must cosign a checkpoint
 * before the log serves it ({@code quorum}; 0 means all of them). No witnesses: the log serves its own signed
 * checkpoints, as without this feature.
 */
public record WitnessSettings(List<String> urls, List<String> vkeys, int quorum) {
  public static final WitnessSettings NONE = new WitnessSettings(List.of(), List.of(), 0);
  /** More would make every publication wait on a crowd; C2SP deployments use a handful. */
  public static final int MAX_WITNESSES = 16;

  public WitnessSettings {
    urls = List.copyOf(urls);
    vkeys = List.copyOf(vkeys);
    if (urls.size() > MAX_WITNESSES || vkeys.size() > MAX_WITNESSES) {
      throw new IllegalArgumentException("at most " + MAX_WITNESSES + " witnesses");
    }
    urls.forEach(WitnessSettings::checkUrl);
    vkeys.forEach(v -> VerifierKey.parse(v, VerifierKey.COSIGNATURE_V1));
    if (quorum < 0) {
      throw new IllegalArgumentException("the witness quorum is at least 1, was " + quorum);
    }
    if (quorum > urls.size()) {
      throw new IllegalArgumentException("a quorum of " + quorum + " needs as many witnesses; " + urls.size()
          + " given");
    }
  }

  public boolean enabled() {
    return !urls.isEmpty();
  }

  /** The quorum K: as given, else every witness. */
  public int k() {
    return quorum == 0 ? urls.size() : quorum;
  }

  public WitnessSettings withUrls(List<String> u) {
    return new WitnessSettings(u, vkeys, quorum);
  }

  public WitnessSettings withVkeys(List<String> v) {
    return new WitnessSettings(urls, v, quorum);
  }

  public WitnessSettings withQuorum(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("the witness quorum is at least 1, was " + k);
    }
    return new WitnessSettings(urls, vkeys, k);
  }

  /** Why the URLs and keys do not pair up, if they do not: each witness needs exactly one key. */
  public Optional<String> pairingProblem() {
    if (urls.size() == vkeys.size()) {
      return Optional.empty();
    }
    return Optional.of(urls.size() + " witness URLs but " + vkeys.size()
        + " witness keys: give --witness and --witness-vkey in pairs");
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null) {
        throw new IllegalArgumentException("a witness URL is http(s)://host[:port][/prefix], was " + url);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("a witness URL is http(s)://host[:port][/prefix], was " + url);
    }
  }
}

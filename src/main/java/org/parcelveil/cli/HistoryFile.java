package org.parcelveil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.audit.HistoryVerifier;

/**
 * A downloaded disclosure history: {@code {checkpoint, entries: [{index, leafHash, proof}, ...]}} as
 * {@code GET /v1/subjects/disclosures} answers, or a tracking answer that holds one under {@code disclosures}.
 */
record HistoryFile(String checkpoint, List<HistoryVerifier.Claim> claims) {

  static HistoryFile read(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the file is not JSON");
    }
    if (root != null && root.has("disclosures") && root.get("disclosures").isObject()) {
      root = root.get("disclosures");
    }
    if (root == null || !root.path("checkpoint").isTextual() || !root.path("entries").isArray()) {
      throw new IllegalArgumentException("the file holds no disclosure history (checkpoint and entries)");
    }
    List<HistoryVerifier.Claim> claims = new ArrayList<>();
    for (JsonNode e : root.get("entries")) {
      if (!e.path("index").canConvertToLong() || !e.path("leafHash").isTextual()) {
        throw new IllegalArgumentException("an entry has no index or leafHash");
      }
      List<String> proof = null;
      if (e.path("proof").isArray()) {
        proof = new ArrayList<>();
        for (JsonNode h : e.get("proof")) {
          proof.add(h.asText());
        }
      }
      claims.add(new HistoryVerifier.Claim(e.get("index").asLong(), e.get("leafHash").asText(), proof));
    }
    return new HistoryFile(root.get("checkpoint").asText(), List.copyOf(claims));
  }
}

package org.parcelveil.label;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.keys.Secret;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;

/**
 * Builds the label of a stored shipment: masked parties (decrypted only to be masked), sort code, parcel facts and a
 * QR token signed with the current QR key. A shredded shipment still gets a label, with areas only.
 */
public final class ShipmentLabels {
  private final Shipments shipments;
  private volatile List<Secret> qrKeys;
  private volatile QrTokens tokens;
  private final String carrierName;
  private final String hotline;
  private volatile String checkUrl;

  public ShipmentLabels(Shipments shipments, List<Secret> qrKeys, String carrierName, String hotline,
      String checkUrl) {
    this.hotline = hotline;
    this.shipments = shipments;
    this.qrKeys = List.copyOf(qrKeys);
    this.tokens = tokens(qrKeys);
    this.carrierName = carrierName;
    this.checkUrl = checkUrl;
  }

  /** Every QR key version by id; the newest signs, the older ones still verify labels printed before a rotation. */
  static QrTokens tokens(List<Secret> keys) {
    Map<Integer, byte[]> byId = new LinkedHashMap<>();
    keys.forEach(k -> byId.put(k.version(), k.bytes()));
    return new QrTokens(byId, keys.get(keys.size() - 1).version());
  }

  public QrTokens tokens() {
    return tokens;
  }

  /** Takes up the QR key versions after a rotation: new labels use the newest, older labels keep scanning. */
  public void useKeys(List<Secret> keys) {
    if (!keys.equals(qrKeys)) {
      this.tokens = tokens(keys);
      this.qrKeys = List.copyOf(keys);
    }
  }

  /** Where labels printed from now on send recipients to check a parcel (the service's public address). */
  public void useCheckUrl(String url) {
    this.checkUrl = url;
  }

  public LabelData of(Shipment s) {
    Cod cod = s.cod() == null ? null : Cod.of(s.cod().amountCents(), s.cod().currency());
    return new LabelData(carrierName, "标准快递 Standard", s.waybill(), s.sortCode(),
        party(shipments.masked(s, PartyRole.RECIPIENT), s.destination().display()),
        party(shipments.masked(s, PartyRole.SENDER), s.origin().display()),
        s.parcel().weightGrams(), LocalDate.ofInstant(s.createdAt(), ZoneOffset.UTC), 1, 1, cod,
        tokens.issue(s.waybill()), checkUrl, s.payment(), hotline);
  }

  private static MaskedParty party(Masked masked, String area) {
    // After shredding nothing is left to mask: the label keeps the area only.
    return masked == null ? new MaskedParty("*", "**********", area) : MaskedParty.of(masked);
  }
}

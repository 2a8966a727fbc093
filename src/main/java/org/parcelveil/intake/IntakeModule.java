package org.parcelveil.intake;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.parcelveil.access.Principals;
import org.parcelveil.http.Routes;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.shipment.PlatformRecipients;
import org.parcelveil.vault.Vault;

/** Sealed orders: the intake keys, the opener of sealed recipients, registered orders and buyer pseudonyms. */
public final class IntakeModule {
  /** How long an older intake key keeps opening blobs after a rotation. */
  public static final Duration KEY_OVERLAP = Duration.ofDays(30);
  private final IntakeKeys keys;
  private final IntakeOpener opener;
  private final Orders orders;
  private final BuyerPseudonyms pseudonyms;
  private final IntakeRecipients recipients;

  private IntakeModule(IntakeKeys keys, IntakeOpener opener, Orders orders, BuyerPseudonyms pseudonyms,
      Principals principals) {
    this.keys = keys;
    this.opener = opener;
    this.orders = orders;
    this.pseudonyms = pseudonyms;
    this.recipients = new IntakeRecipients(opener, orders, principals, pseudonyms);
  }

  public static IntakeModule create(DataSource dataSource, KeyStore keyStore, Principals principals, Vault vault,
      Clock clock) {
    IntakeKeys keys = new IntakeKeys(keyStore, KEY_OVERLAP, clock);
    return new IntakeModule(keys, new IntakeOpener(keys, clock), Orders.create(dataSource, principals, vault, clock),
        new BuyerPseudonyms(keyStore), principals);
  }

  public IntakeOpener opener() {
    return opener;
  }

  public Orders orders() {
    return orders;
  }

  public BuyerPseudonyms pseudonyms() {
    return pseudonyms;
  }

  /** What shipments use to open recipients that come from marketplaces. */
  public PlatformRecipients recipients() {
    return recipients;
  }

  public Routes routes() {
    return new IntakeRoutes(keys, orders);
  }
}

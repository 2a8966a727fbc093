package org.parcelveil.observe;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Principal;

/**
 * Something a principal or a public client did that the leak detectors watch: a reveal, a refusal, a scan, a
 * tracking look-up. It names principals, waybills and a client address; never personal data of customers.
 *
 * @param principalId who acted (null for public clients)
 * @param subjectId another principal the event concerns, e.g. the courier a delivery attempt is recorded for
 * @param client the caller's network address, if known (only compared, never shown in alerts)
 * @param detail a short code: the reveal's purpose, the refusal's reason, the event type, the verdict, ...
 */
public record AccessEvent(Instant at, Kind kind, @Nullable String principalId, @Nullable String role,
    @Nullable String stationCode, @Nullable String waybill, @Nullable String subjectId, @Nullable String client,
    @Nullable String detail) {

  /** What kind of access this was. */
  public enum Kind {
    /** Any authenticated API request (carries the client address). */
    REQUEST,
    /** An allowed reveal of plain personal data; detail is the purpose. */
    REVEAL,
    /** A refused reveal or contact request; detail is the reason (e.g. {@code not_assigned}). */
    REFUSED,
    /** A view, label or event refused because the shipment is outside the caller's scope; detail says which. */
    DENIED,
    /** A relayed number handed to a courier. */
    CONTACT,
    /** A call routed (or rejected) by the relay; detail is {@code connect} or the reason. */
    RELAY_CALL,
    /** A label's QR code resolved by {@code POST /v1/scans}. */
    SCAN,
    /** A lifecycle event recorded; detail is its type, subjectId the courier it concerns. */
    EVENT,
    /** A masked view or a label of a shipment in the caller's scope. */
    VIEW,
    /** A public tracking look-up; detail is {@code hit} or {@code miss}. */
    TRACK,
    /** A marketplace verification; detail is the verdict. */
    VERIFICATION,
    /** A call to a canary's phone number reported by the carrier's telephony platform. */
    CANARY_CALL
  }

  public AccessEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
  }

  /** An event by an authenticated principal. */
  public static AccessEvent of(Kind kind, Principal p, @Nullable String waybill, @Nullable String detail, Instant at) {
    return new AccessEvent(at, kind, p.id(), p.role().wireName(), p.stationCode(), waybill, null, null, detail);
  }

  /** An event by a public client (no token), such as a tracking look-up. */
  public static AccessEvent ofClient(Kind kind, String client, @Nullable String waybill, @Nullable String detail,
      Instant at) {
    return new AccessEvent(at, kind, null, null, null, waybill, null, client, detail);
  }

  /** The same event, naming the principal it concerns (e.g. the courier of a delivery attempt). */
  public AccessEvent withSubject(@Nullable String subject) {
    return new AccessEvent(at, kind, principalId, role, stationCode, waybill, subject, client, detail);
  }

  /** The same event, with the caller's network address. */
  public AccessEvent withClient(@Nullable String address) {
    return new AccessEvent(at, kind, principalId, role, stationCode, waybill, subjectId, address, detail);
  }
}

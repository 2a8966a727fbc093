package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.address.AddressParser;
import org.parcelveil.address.Divisions;
import org.parcelveil.http.ApiException;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.relay.Relay;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Ids;

/** The merchant's screens: own shipments (masked, searchable), a new shipment, CSV import, and label links. */
public final class MerchantPages {
  static final int LIST_LIMIT = 200;
  private final Gate gate;
  private final Shipments shipments;
  private final Views views;
  private final CsvImport csv;
  private final Relay relay;
  private final PastedAddress paste;

  public MerchantPages(Gate gate, Shipments shipments, Relay relay, Views views) {
    this.gate = gate;
    this.shipments = shipments;
    this.relay = relay;
    this.views = views;
    this.csv = new CsvImport(shipments);
    this.paste = new PastedAddress(new AddressParser(Divisions.official()));
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> merchant = EnumSet.of(Role.MERCHANT);
    routes.get("/console/merchant", gate.page(merchant, this::list));
    routes.get("/console/merchant/new", gate.page(merchant, (ctx, v) -> form(ctx, v.frame(), Map.of(), null)));
    routes.post("/console/merchant/new", gate.page(merchant, this::create));
    routes.get("/console/merchant/import", gate.page(merchant, (ctx, v) -> importPage(ctx, v.frame(), null)));
    routes.post("/console/merchant/import", gate.page(merchant, this::importCsv));
    routes.post("/console/merchant/contact", gate.page(merchant, this::contact));
    routes.get("/console/merchant/import/template.csv", gate.page(merchant, (ctx, v) ->
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=shipments.csv")
            .result(CsvImport.template())));
  }

  /** Own shipments, newest first; the search matches a waybill or the merchant's own order reference. */
  private void list(Context ctx, Gate.Visit v) {
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim();
    String needle = q.toLowerCase(Locale.ROOT);
    List<ShipmentRow> rows = new ArrayList<>();
    for (Shipment s : shipments.ofMerchant(v.principal().id(), LIST_LIMIT)) {
      if (needle.isEmpty() || s.waybill().toLowerCase(Locale.ROOT).contains(needle)
          || s.reference().toLowerCase(Locale.ROOT).contains(needle)) {
        rows.add(ShipmentRow.of(s, shipments.masked(s, PartyRole.RECIPIENT)));
      }
    }
    views.page(ctx, "merchant/list.jte", Map.of("frame", v.frame(), "rows", rows, "q", q.length() > 64 ? "" : q));
  }

  /**
   * A relayed number to the buyer of one of the merchant's sealed shipments (after-sales): the buyer's phone never
   * reaches the page. Another merchant's shipment reads as an unknown number; the refusal is logged either way.
   */
  private void contact(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    Optional<Shipment> s = shipments.find(ctx.formParam("waybill"));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("waybill", "");
    params.put("contact", null);
    params.put("message", frame.t("reason.unknown_waybill"));
    params.put("back", "/console/merchant");
    if (s.isPresent()) {
      try {
        params.put("contact", relay.contact(v.principal(), s.get()));
        params.put("waybill", s.get().waybill());
        params.put("message", null);
      } catch (Relay.RefusedException e) {
        if (v.principal().id().equals(s.get().merchantId())) {
          ctx.status(403);
          params.put("waybill", s.get().waybill());
          params.put("message", frame.t("reason." + e.reason()) + " (" + frame.t("reveal.logged", e.auditIndex()) + ")");
        }
      }
    }
    views.page(ctx, "contact.jte", params);
  }

  private void form(Context ctx, Frame frame, Map<String, String> values, ShipmentRow created) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("values", values);
    params.put("created", created);
    // A fresh key per rendered form: a double submit creates the shipment once.
    params.put("idem", Ids.random256());
    views.page(ctx, "merchant/new.jte", params);
  }

  private void create(Context ctx, Gate.Visit v) {
    if (paste.requested(ctx::formParam) != null) {
      PastedAddress.Filled filled = paste.fill(ctx::formParam, v.frame());
      ctx.status(filled.ok() ? 200 : 400);
      form(ctx, filled.frame(), filled.values(), null);
      return;
    }
    Principal merchant = v.principal();
    ShipmentForm.Parsed parsed = ShipmentForm.parse(ctx::formParam);
    String idem = ctx.formParam("idem");
    try {
      if (!parsed.errors().isEmpty()) {
        NewShipmentCheck.throwWith(merchant, parsed, shipments);
      }
      Shipments.Created c = shipments.create(merchant, parsed.request(), Ids.wellFormed(idem) ? idem : null);
      Frame frame = v.frame().withNotice(v.frame().t("merchant.created", c.shipment().waybill()));
      form(ctx, frame, Map.of(), ShipmentRow.of(c.shipment(), c.recipient()));
    } catch (ValidationException e) {
      ctx.status(400);
      form(ctx, v.frame().withErrors(describe(v.frame(), e.errors())), ShipmentForm.values(ctx::formParam), null);
    } catch (ApiException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      ctx.status(e.status()); // a recipient's district the network does not serve, named like a field error
      form(ctx, v.frame().withErrors(describe(v.frame(), e.errors())), ShipmentForm.values(ctx::formParam), null);
    } catch (Shipments.IdempotencyConflictException e) {
      ctx.status(409);
      form(ctx, v.frame().withErrors(List.of(v.frame().t("merchant.duplicate"))), ShipmentForm.values(ctx::formParam),
          null);
    }
  }

  private void importPage(Context ctx, Frame frame, CsvImport.Result result) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("result", result);
    params.put("columns", String.join(",", CsvImport.COLUMNS));
    views.page(ctx, "merchant/import.jte", params);
  }

  private void importCsv(Context ctx, Gate.Visit v) {
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null || file.size() == 0) {
      ctx.status(400);
      importPage(ctx, v.frame().withErrors(List.of(v.frame().t("import.no_file"))), null);
      return;
    }
    CsvImport.Result result = file.contentAndClose(in -> csv.run(v.principal(), in));
    if (result.fileError() != null) {
      ctx.status(400);
    }
    importPage(ctx, v.frame(), result);
  }

  /** Field errors as lines: the field's label in the page's language, then the rule it broke (never the value). */
  static List<String> describe(Frame frame, List<FieldError> errors) {
    return errors.stream().map(e -> frame.t("field." + e.field()).startsWith("field.")
        ? e.field() + ": " + e.message() : frame.t("field." + e.field()) + " (" + e.field() + "): " + e.message())
        .toList();
  }

  /** Runs the shipment's own validation as well, so parse errors and rule errors are reported together. */
  static final class NewShipmentCheck {
    private NewShipmentCheck() {}

    static void throwWith(Principal merchant, ShipmentForm.Parsed parsed, Shipments shipments) {
      List<FieldError> all = new ArrayList<>(parsed.errors());
      try {
        shipments.validate(merchant, parsed.request());
      } catch (ValidationException e) {
        e.errors().stream().filter(x -> all.stream().noneMatch(y -> y.field().equals(x.field()))).forEach(all::add);
      } catch (ApiException e) {
        e.errors().stream().filter(x -> all.stream().noneMatch(y -> y.field().equals(x.field()))).forEach(all::add);
      }
      throw new ValidationException(all);
    }
  }
}

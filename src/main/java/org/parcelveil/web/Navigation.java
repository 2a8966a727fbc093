package org.parcelveil.web;

import java.util.ArrayList;
import java.util.List;
import org.parcelveil.identity.Role;

/** Each role's screens, in the order its navigation lists them. */
final class Navigation {
  private Navigation() {}

  static List<Frame.NavItem> of(Role role, String path) {
    List<Frame.NavItem> items = new ArrayList<>();
    switch (role) {
      case MERCHANT -> {
        add(items, path, "/console/merchant", "nav.shipments");
        add(items, path, "/console/merchant/new", "nav.new_shipment");
        add(items, path, "/console/merchant/import", "nav.import");
      }
      case STATION -> add(items, path, "/console/station", "nav.scan");
      case COURIER -> add(items, path, "/console/courier", "nav.today");
      case SUPPORT -> add(items, path, "/console/support", "nav.find");
      case SECURITY -> {
        add(items, path, "/console/security", "nav.audit");
        add(items, path, "/console/security/alerts", "nav.alerts");
        add(items, path, "/console/security/canaries", "nav.canaries");
        add(items, path, "/console/security/attribution", "nav.attribution");
      }
      case ADMIN -> {
        add(items, path, "/console/admin", "nav.admin");
        add(items, path, "/console/admin/status", "nav.retention");
      }
      case PLATFORM -> { }
    }
    items.add(new Frame.NavItem("/track", "nav.track", false));
    return items;
  }

  private static void add(List<Frame.NavItem> items, String path, String href, String key) {
    items.add(new Frame.NavItem(href, key, path.equals(href)));
  }
}

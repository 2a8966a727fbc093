package org.parcelveil.web;

import java.util.ArrayList;
import java.util.List;
import org.parcelveil.access.Role;

/**
 * Each role's screens. Entries marked coming are slots for screens other features are building (leaks, retention
 * and keys): shown so people know where they will be, but not linked until they exist.
 */
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
        items.add(new Frame.NavItem("", "nav.alerts", false, true));
        items.add(new Frame.NavItem("", "nav.canaries", false, true));
        items.add(new Frame.NavItem("", "nav.attribution", false, true));
      }
      case ADMIN -> {
        add(items, path, "/console/admin", "nav.admin");
        items.add(new Frame.NavItem("", "nav.retention", false, true));
      }
      case PLATFORM -> { }
    }
    items.add(new Frame.NavItem("/track", "nav.track", false, false));
    return items;
  }

  private static void add(List<Frame.NavItem> items, String path, String href, String key) {
    items.add(new Frame.NavItem(href, key, path.equals(href), false));
  }
}

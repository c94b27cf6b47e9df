/* rednotice: small enhancements on top of pages that work without script (issue 16, item 15).
   - Escape closes the phone menu (a <details>) and gives focus back to its button.
   - Data tables: each cell learns its column's name (data-label), so on a phone a table can be laid out
     as one block per row with the names beside the values instead of scrolling sideways; a table that
     still overflows its box becomes a labelled region that the keyboard can scroll. */
(function () {
  "use strict";

  function closeMenu(menu, focus) {
    if (!menu || !menu.open) return;
    menu.open = false;
    if (focus) menu.querySelector("summary").focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = document.getElementById("nav-menu");
    if (menu && menu.open && menu.contains(document.activeElement)) {
      closeMenu(menu, true);
    }
  });

  function labelTables(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      var head = table.tHead && table.tHead.rows[0];
      if (!head || table.classList.contains("reflow")) return;
      var names = Array.prototype.map.call(head.cells, function (cell) {
        return cell.textContent.replace(/\s+/g, " ").trim();
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (names[column] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[column]);
            column += cell.colSpan || 1;
          });
        });
      });
      table.classList.add("reflow");
    });
  }

  function scrollRegions(root) {
    root.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (overflows && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.replace(/\s+/g, " ").trim() : document.title);
      }
    });
  }

  function enhance(root) {
    labelTables(root);
    scrollRegions(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    window.addEventListener("resize", function () { scrollRegions(document); });
  });
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });
})();

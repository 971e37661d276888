// The menu button for small screens and closing the account menu. Loaded in <head> (not
// deferred) so that the "js" class is set before the first paint: without JavaScript the
// network menu simply stays open and the account menu is a plain <details>.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setOpen(button, menu, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }

  // On small screens a wide table scrolls inside its own box (wijknet.css); a keyboard user must
  // be able to reach that box to scroll it (WCAG 2.1.1), also when it holds no link.
  function markScrollingTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.dataset.scrollFocus = "1";
      } else if (!scrolls && table.dataset.scrollFocus) {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }
  window.addEventListener("resize", markScrollingTables);
  document.addEventListener("htmx:afterSettle", markScrollingTables);

  document.addEventListener("DOMContentLoaded", function () {
    markScrollingTables();
    var button = document.querySelector(".menu-button");
    var menu = document.getElementById("site-nav");
    if (button && menu) {
      button.hidden = false;
      button.addEventListener("click", function () {
        setOpen(button, menu, button.getAttribute("aria-expanded") !== "true");
      });
    }
    var account = document.querySelector(".account-menu");
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (account && account.open) {
        account.open = false;
        account.querySelector("summary").focus();
      } else if (button && menu && button.getAttribute("aria-expanded") === "true") {
        setOpen(button, menu, false);
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (account && account.open && !account.contains(event.target)) account.open = false;
    });
  });
})();

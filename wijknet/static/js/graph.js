// The interactive drawing of the collaboration graph. Everything it shows is also in the
// tables on the page; this only makes the shape visible.
//
// Readable at 19 and at 60 partners: the drawing grows with the number of partners, the
// layout starts from a circle (deterministic) and spreads with cose, labels stay at least
// LABEL_PX on screen whatever the zoom and sit on a light background so lines do not cross
// them. Focus mode: choosing a partner (click, or the list above the drawing) shows only that
// partner and its direct partners; "Alles tonen" or a click on the background ends it.
(function () {
  "use strict";
  var LABEL_PX = 13;
  var container = document.getElementById("graph");
  if (!container || typeof cytoscape === "undefined") return;
  var picker = document.getElementById("graph-focus");
  var select = picker ? picker.querySelector("select") : null;
  var reset = picker ? picker.querySelector("button") : null;
  var status = document.getElementById("graph-focus-status");

  fetch(container.dataset.src, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var nodes = data.elements.filter(function (el) { return !el.data.source; });
      var count = nodes.length;
      // Room to spread: about 22 px of height per partner, between 28 and 56 rem.
      var height = Math.max(448, Math.min(900, 220 + count * 22));
      container.style.height = height + "px";

      var cy = cytoscape({
        container: container,
        elements: data.elements,
        layout: { name: "circle", fit: true, padding: 30 },
        minZoom: 0.2,
        maxZoom: 3,
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: {
            "label": "data(label)", "font-size": LABEL_PX, "font-family": "system-ui, sans-serif",
            "background-color": "#0b5e55", "color": "#1d2329",
            "text-valign": "bottom", "text-margin-y": 5, "width": 18, "height": 18,
            "text-wrap": "wrap", "text-max-width": 130,
            "text-background-color": "#ffffff", "text-background-opacity": 0.85,
            "text-background-padding": 2, "text-background-shape": "roundrectangle",
            "z-index": 10 } },
          { selector: "node.cut", style: { "border-width": 4, "border-color": "#a61b1b" } },
          { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1.5, 7)",
            "line-color": "#9aa5b1", "curve-style": "haystack", "z-index": 1 } },
          { selector: "edge.desired", style: { "line-style": "dashed", "line-color": "#b3460f",
            "width": 2, "curve-style": "bezier" } },
          { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0 } },
          { selector: "node.focus", style: { "background-color": "#b3460f", "width": 26,
            "height": 26, "font-weight": "bold" } },
          { selector: "edge.focus", style: { "line-color": "#b3460f", "opacity": 1 } }
        ]
      });

      // Spread: strong repulsion and long edges, growing with the number of partners.
      var spread = cy.layout({
        name: "cose", animate: false, randomize: false, fit: true, padding: 30,
        nodeDimensionsIncludeLabels: true, nodeRepulsion: function () { return 900000 + count * 40000; },
        idealEdgeLength: function () { return 120 + Math.min(count, 60) * 2; },
        edgeElasticity: function () { return 80; }, nestingFactor: 1.2, gravity: 0.25,
        numIter: 2500, componentSpacing: 120, nodeOverlap: 60, coolingFactor: 0.97
      });
      spread.run();

      // Labels never smaller than LABEL_PX on screen: the font grows as the drawing zooms out.
      function keepLabelsReadable() {
        var size = Math.max(LABEL_PX, LABEL_PX / cy.zoom());
        cy.style().selector("node").style("font-size", size).update();
      }
      cy.on("zoom", keepLabelsReadable);
      cy.fit(undefined, 30);
      keepLabelsReadable();

      function focusOn(node) {
        cy.elements().removeClass("focus").addClass("faded");
        var around = node.closedNeighborhood();
        around.removeClass("faded");
        node.addClass("focus");
        node.connectedEdges().addClass("focus");
        cy.animate({ fit: { eles: around, padding: 60 } }, { duration: 250 });
        if (select) select.value = node.id();
        if (status) {
          var names = node.neighborhood("node").map(function (n) { return n.data("label"); });
          names.sort();
          status.textContent = names.length
            ? status.dataset.with.replace("%(name)s", node.data("label")).replace("%(names)s", names.join(", "))
            : status.dataset.alone.replace("%(name)s", node.data("label"));
        }
      }
      function showAll() {
        cy.elements().removeClass("faded focus");
        cy.animate({ fit: { eles: cy.elements(), padding: 30 } }, { duration: 250 });
        if (select) select.value = "";
        if (status) status.textContent = "";
      }

      cy.on("tap", "node", function (event) { focusOn(event.target); });
      cy.on("tap", function (event) { if (event.target === cy) showAll(); });

      if (picker && select) {
        nodes.map(function (el) { return el.data; })
          .sort(function (a, b) { return a.label.localeCompare(b.label); })
          .forEach(function (d) {
            var option = document.createElement("option");
            option.value = d.id;
            option.textContent = d.label;
            select.appendChild(option);
          });
        select.addEventListener("change", function () {
          if (select.value) focusOn(cy.getElementById(select.value)); else showAll();
        });
        if (reset) reset.addEventListener("click", showAll);
        picker.hidden = false;
      }
    });
})();

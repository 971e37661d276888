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
          { selector: "node.isolated", style: { "display": "none" } },
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

      // Spread: strong repulsion and long edges, growing with the number of partners. The
      // labels' final size depends on the zoom that fits the drawing, and the layout must
      // make room for that size: lay out, fit, size the labels, and lay out once more.
      // Partners without any connection are not drawn: a row of loose dots says nothing and
      // their labels collide. They are named in a line under the drawing instead.
      var isolated = cy.nodes().filter(function (n) { return n.degree(false) === 0; });
      var connected = cy.elements().not(isolated);
      isolated.addClass("isolated");
      var loose = document.getElementById("graph-isolated");
      if (loose && isolated.length) {
        var looseNames = isolated.map(function (n) { return n.data("label"); }).sort();
        loose.textContent = loose.dataset.label + " " + looseNames.join(", ") + ".";
        loose.hidden = false;
      }
      function spread() {
        if (connected.nodes().length) {
          connected.layout({
            name: "cose", animate: false, randomize: false, fit: false, padding: 30,
            nodeDimensionsIncludeLabels: true,
            nodeRepulsion: function () { return 2000000 + count * 80000; },
            idealEdgeLength: function () { return 150 + Math.min(count, 60) * 2; },
            edgeElasticity: function () { return 60; }, nestingFactor: 1.2, gravity: 0.15,
            numIter: 2500, componentSpacing: 140, nodeOverlap: 80, coolingFactor: 0.97
          }).run();
        }
      }

      // Labels never smaller than LABEL_PX on screen: the font grows as the drawing zooms out.
      function keepLabelsReadable() {
        var size = Math.max(LABEL_PX, LABEL_PX / cy.zoom());
        cy.style().selector("node").style("font-size", size).update();
      }
      spread();
      cy.fit(undefined, 30);
      keepLabelsReadable();
      spread();
      cy.fit(undefined, 30);
      keepLabelsReadable();
      cy.on("zoom", keepLabelsReadable);

      function focusOn(node) {
        cy.elements().removeClass("focus").addClass("faded");
        if (node.hasClass("isolated")) {
          showAll();
          if (select) select.value = node.id();
          if (status) status.textContent = node.data("label") + " " + status.dataset.alone;
          return;
        }
        var around = node.closedNeighborhood();
        around.removeClass("faded");
        node.addClass("focus");
        node.connectedEdges().addClass("focus");
        cy.fit(around, 60);
        // A partner with few neighbours must not fill the screen: at most 1.5× zoom.
        if (cy.zoom() > 1.5) cy.zoom({ level: 1.5, renderedPosition: node.renderedPosition() });
        if (select) select.value = node.id();
        if (status) {
          var names = node.neighborhood("node").map(function (n) { return n.data("label"); });
          names.sort();
          // "<name> werkt direct samen met: <names>." or "<name> heeft nog geen verbindingen."
          status.textContent = names.length
            ? node.data("label") + " " + status.dataset.with + " " + names.join(", ") + "."
            : node.data("label") + " " + status.dataset.alone;
        }
      }
      function showAll() {
        cy.elements().removeClass("faded focus");
        cy.fit(undefined, 30);
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

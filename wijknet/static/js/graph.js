// The interactive drawing of the collaboration graph. Everything it shows is also in the
// tables on the page; this only makes the shape visible.
(function () {
  "use strict";
  var container = document.getElementById("graph");
  if (!container || typeof cytoscape === "undefined") return;
  fetch(container.dataset.src, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var cy = cytoscape({
        container: container,
        elements: data.elements,
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 400000,
          idealEdgeLength: 140, componentSpacing: 80, nodeOverlap: 40, padding: 30,
          nodeDimensionsIncludeLabels: true, fit: true },
        wheelSensitivity: 0.3,
        style: [
          { selector: "node", style: { "label": "data(label)", "font-size": 11,
            "background-color": "#0b5e55", "color": "#1d2329", "text-valign": "bottom",
            "text-margin-y": 4, "width": 18, "height": 18, "text-wrap": "wrap",
            "text-max-width": 90 } },
          { selector: "node.cut", style: { "border-width": 4, "border-color": "#a61b1b" } },
          { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1.5, 7)",
            "line-color": "#7a8794", "curve-style": "haystack" } },
          { selector: "edge.desired", style: { "line-style": "dashed", "line-color": "#b3460f",
            "width": 2, "curve-style": "bezier" } }
        ]
      });
      cy.fit(undefined, 30);
    });
})();

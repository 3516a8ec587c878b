/* The selected state, drawn over the map without a plotly redraw: an outline that copies the
 * state's drawn shape, and for a small state a ring that follows its placed marker
 * (wbw-7-markers.js), in a group of our own over plotly's layers. Colour, width and ring size
 * come from Python (history.selection).
 * A plotly restyle here would redraw every shape, and then every marker would be placed again:
 * 0.5 s or more on a phone after each tap. */
(function (W) {
  "use strict";
  var current = W.current;
  var SVG_NS = "http://www.w3.org/2000/svg";

  function styled(el, look) {
    el.setAttribute("fill", "none");
    el.setAttribute("stroke", look.colour);
    el.setAttribute("stroke-width", look.width);
    el.setAttribute("pointer-events", "none");
    el.setAttribute("aria-hidden", "true");
    return el;
  }

  /* The drawn path of a state's shape, or null. */
  function shapeOf(group, iso3) {
    var paths = group.querySelectorAll("path.choroplethlocation");
    for (var i = 0; i < paths.length; i++) {
      if (paths[i].__data__ && paths[i].__data__.loc === iso3) { return paths[i]; }
    }
    return null;
  }

  /* Our own group over plotly's trace layers (never inside one: plotly re-projects every path
   * of a choropleth layer by its data, and ours have none). */
  function layer(gd, create) {
    var states = W.traceGroup(gd, "states"), front = states && states.parentNode && states.parentNode.parentNode;
    if (!front) { return null; }
    var g = front.querySelector(":scope > g.wbw-selection");
    if (!g && create) {
      g = document.createElementNS(SVG_NS, "g");
      g.setAttribute("class", "wbw-selection");
    }
    if (g && g !== front.lastElementChild) { front.appendChild(g); }  // over every shape and marker
    return g;
  }

  /* Outline the selected state as it is drawn now (after a step, a redraw, or while panning). */
  function drawOutline(gd) {
    var h = current.history, states = h && W.traceGroup(gd, "states");
    if (!states) { return; }
    var shape = current.selected ? shapeOf(states, current.selected) : null;
    var d = shape && shape.getAttribute("d");  // none while plotly has not drawn it (yet)
    var g = layer(gd, !!d), el = g && g.querySelector("path.wbw-outline");
    if (!d) { if (el) { el.remove(); } return; }
    if (!el) {
      el = styled(document.createElementNS(SVG_NS, "path"), h.selection);
      el.setAttribute("class", "wbw-outline");
      g.insertBefore(el, g.firstChild);
    }
    if (el.getAttribute("d") !== d) { el.setAttribute("d", d); }
  }

  /* The ring drawn round a selected small state's marker (created when `create`), or null. It is
   * placed, like the markers, by a CSS transform in the same pixels. */
  function ringEl(gd, create) {
    var h = current.history, g = h && layer(gd, create);
    var ring = g && g.querySelector("path.wbw-ring");
    if (!ring && create && g) {
      var r = h.selection.ring / 2;
      ring = styled(document.createElementNS(SVG_NS, "path"), h.selection);
      ring.setAttribute("class", "wbw-ring");
      ring.setAttribute("d", "M" + r + ",0A" + r + "," + r + " 0 1,1 0,-" + r + "A" + r + "," + r + " 0 0,1 " + r + ",0Z");
      ring.style.display = "none";
      g.appendChild(ring);
    }
    return ring || null;
  }

  Object.assign(W, { drawOutline: drawOutline, selectionRing: ringEl });
}(window.wbwLib = window.wbwLib || {}));
